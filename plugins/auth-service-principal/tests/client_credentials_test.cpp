#include "client_credentials.hpp"

#include <gtest/gtest.h>
#include <mensor/sdk/error.hpp>

namespace mensor::service_principal {
namespace {

constexpr int64_t kNs = 1'000'000'000;

// Shape of fixture entra-token-error-response.json.
constexpr char kInvalidSecretBody[] =
    R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret )"
    R"(provided. Ensure the secret being sent in the request is the client secret value.\r\n)"
    R"(Trace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 2024-01-01 00:00:00Z","error_codes":[7000215],)"
    R"("timestamp":"2024-01-01 00:00:00Z","trace_id":"1","correlation_id":"2"})";

sdk::Error ErrorOf(int status, std::string_view body, std::string_view secret = "pw") {
  try {
    ParseTokenResponse(status, body, 0, secret);
  } catch (const sdk::Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error";
  return sdk::Error(MENSOR_OK, "");
}

TEST(BuildTokenRequest, PostsClientCredentialsForm) {
  TokenHttpRequest request = BuildTokenRequest("http://127.0.0.1:9000", "tenant-1", "client id",
                                               {ClientProof::Kind::kSecret, "p&ss=w+rd"},
                                               "https://management.azure.com/.default");
  EXPECT_EQ(request.url, "http://127.0.0.1:9000/tenant-1/oauth2/v2.0/token");
  EXPECT_EQ(request.body,
            "client_id=client%20id&client_secret=p%26ss%3Dw%2Brd"
            "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default&grant_type=client_credentials");
  ASSERT_FALSE(request.headers.empty());
  EXPECT_EQ(request.headers[0].first, "Content-Type");
  EXPECT_EQ(request.headers[0].second, "application/x-www-form-urlencoded");
}

TEST(BuildTokenRequest, PostsClientAssertionForm) {
  TokenHttpRequest request =
      BuildTokenRequest("https://login.microsoftonline.us", "t", "app",
                        {ClientProof::Kind::kAssertion, "a.b.c"}, "https://x/.default");
  EXPECT_EQ(request.url, "https://login.microsoftonline.us/t/oauth2/v2.0/token");
  EXPECT_EQ(request.body,
            "client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-"
            "type%3Ajwt-bearer&client_assertion=a.b.c&scope=https%3A%2F%2Fx%2F.default"
            "&grant_type=client_credentials");
}

TEST(ParseTokenResponse, NumericExpiresIn) {
  AccessToken token = ParseTokenResponse(
      200, R"({"token_type":"Bearer","expires_in":3599,"access_token":"tok"})", 10 * kNs, "pw");
  EXPECT_EQ(token.value, "tok");
  EXPECT_EQ(token.expires_unix_ns, (10 + 3599) * kNs);
}

TEST(ParseTokenResponse, StringExpiresIn) {
  AccessToken token =
      ParseTokenResponse(200, R"({"expires_in":"3599","access_token":"tok"})", 0, "pw");
  EXPECT_EQ(token.expires_unix_ns, 3599 * kNs);
}

TEST(ParseTokenResponse, MissingFieldsAreErrors) {
  EXPECT_EQ(ErrorOf(200, R"({"expires_in":1})").code(), MENSOR_E_UNAVAILABLE);
  sdk::Error error = ErrorOf(200, R"({"access_token":"tok-value"})");
  EXPECT_EQ(std::string(error.what()).find("tok-value"), std::string::npos);
  EXPECT_EQ(ErrorOf(200, "not json").code(), MENSOR_E_UNAVAILABLE);
}

TEST(ParseTokenResponse, RejectedCredentialsNameErrorAndCode) {
  sdk::Error error = ErrorOf(401, kInvalidSecretBody);
  EXPECT_EQ(error.code(), MENSOR_E_UNAUTHENTICATED);
  EXPECT_STREQ(error.what(),
               "Entra ID rejected the client credentials: invalid_client (AADSTS7000215): Invalid "
               "client secret provided. Ensure the secret being sent in the request is the client "
               "secret value.");
}

TEST(ParseTokenResponse, CodeFromDescriptionWhenNoErrorCodes) {
  sdk::Error error = ErrorOf(
      400,
      R"({"error":"invalid_request","error_description":"AADSTS90002: Tenant 'x' not found."})");
  EXPECT_STREQ(error.what(),
               "Entra ID rejected the client credentials: invalid_request (AADSTS90002): Tenant "
               "'x' not found.");
}

TEST(ParseTokenResponse, SecretIsRedactedFromMessages) {
  sdk::Error error = ErrorOf(
      400, R"({"error":"invalid_request","error_description":"echo hunter2 here"})", "hunter2");
  EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos);
  EXPECT_NE(std::string(error.what()).find("echo *** here"), std::string::npos);
}

TEST(ParseTokenResponse, TransientStatuses) {
  EXPECT_EQ(ErrorOf(429, "").code(), MENSOR_E_THROTTLED);
  EXPECT_EQ(ErrorOf(503, "<html>busy</html>").code(), MENSOR_E_UNAVAILABLE);
  EXPECT_STREQ(ErrorOf(503, "<html>busy</html>").what(),
               "Entra ID token endpoint returned 503: <html>busy</html>");
  EXPECT_EQ(ErrorOf(400, R"({"error":"temporarily_unavailable"})").code(), MENSOR_E_UNAVAILABLE);
}

}  // namespace
}  // namespace mensor::service_principal

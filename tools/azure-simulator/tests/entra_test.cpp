#include "entra.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::sim {
namespace {

using testing::FixedNow;

const TokenIssuer kIssuer("key", std::chrono::seconds(3599));
EntraEndpoint kEntra(kIssuer, {{"app-1", "secret-1", {}, {}}});
constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";
constexpr const char* kGoodForm =
    "client_id=app-1&scope=https%3A%2F%2Fmanagement.azure.com%2F.default"
    "&grant_type=client_credentials&client_secret=secret-1";

SimResponse Post(const std::string& body, FieldList headers = {}) {
  headers.Add("Content-Type", "application/x-www-form-urlencoded");
  return kEntra.Handle(
      SimRequest::Make("POST", std::string("/") + kTenant + "/oauth2/v2.0/token", headers, body),
      kTenant, FixedNow());
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  return pos == std::string::npos ? text : text.replace(pos, from.size(), to);
}

TEST(Entra, ClientCredentialsSuccess) {
  const auto response = Post(kGoodForm);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = response.JsonBody();
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_TRUE(body["expires_in"].is_number());
  EXPECT_EQ(body["expires_in"], 3599);
  EXPECT_EQ(body["ext_expires_in"], 3599);
  const auto token = kIssuer.Validate(body["access_token"].get<std::string>(), FixedNow());
  ASSERT_EQ(token.status, TokenStatus::kValid);
  EXPECT_EQ(token.claims.audience, "https://management.azure.com/");
  EXPECT_EQ(token.claims.tenant_id, kTenant);
  EXPECT_EQ(token.claims.app_id, "app-1");
}

TEST(Entra, HttpBasicClientAuthentication) {
  FieldList headers;
  headers.Add("Authorization", "Basic YXBwLTE6c2VjcmV0LTE=");  // base64("app-1:secret-1")
  const auto response = Post(
      "scope=https%3A%2F%2Fmanagement.azure.com%2F.default&grant_type=client_credentials", headers);
  EXPECT_EQ(response.status, 200) << response.body;
}

struct ErrorCase {
  std::string form;
  int status;
  std::string error;
  int code;
};

class EntraErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(EntraErrors, DocumentedAadstsShape) {
  const auto& expected = GetParam();
  FieldList headers;
  headers.Add("client-request-id", "corr-123");
  const auto response = Post(expected.form, headers);
  EXPECT_EQ(response.status, expected.status) << response.body;
  const auto body = response.JsonBody();
  EXPECT_EQ(body["error"], expected.error);
  EXPECT_EQ(body["error_codes"], nlohmann::json::array({expected.code}));
  const std::string description = body["error_description"];
  EXPECT_EQ(description.rfind("AADSTS" + std::to_string(expected.code) + ": ", 0), 0u)
      << description;
  EXPECT_NE(description.find("\r\nTrace ID: " + body["trace_id"].get<std::string>() +
                             "\r\nCorrelation ID: corr-123\r\nTimestamp: 2026-11-28 12:34:30Z"),
            std::string::npos)
      << description;
  EXPECT_EQ(body["timestamp"], "2026-11-28 12:34:30Z");
  EXPECT_EQ(body["correlation_id"], "corr-123");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EntraErrors,
    ::testing::Values(
        ErrorCase{Replace(kGoodForm, "secret-1", "nope"), 401, "invalid_client", 7000215},
        ErrorCase{Replace(kGoodForm, "client_id=app-1", "client_id=ghost"), 400,
                  "unauthorized_client", 700016},
        ErrorCase{Replace(kGoodForm, "&client_secret=secret-1", ""), 400, "invalid_client",
                  7000218},
        ErrorCase{Replace(kGoodForm, "%2F.default", "%2Fuser_impersonation"), 400, "invalid_scope",
                  70011},
        ErrorCase{
            Replace(kGoodForm, "scope=https%3A%2F%2Fmanagement.azure.com%2F.default",
                    "scope=https%3A%2F%2Fmanagement.azure.com%2F.default+https%3A%2F%2Fstorage."
                    "azure.com%2F.default"),
            400, "invalid_scope", 700022},
        ErrorCase{Replace(kGoodForm, "&grant_type=client_credentials", ""), 400, "invalid_request",
                  900144},
        ErrorCase{Replace(kGoodForm, "scope=", "scopes="), 400, "invalid_request", 900144},
        ErrorCase{Replace(kGoodForm, "client_id=app-1&", ""), 400, "invalid_request", 900144},
        ErrorCase{Replace(kGoodForm, "client_credentials", "password"), 400,
                  "unsupported_grant_type", 70003}));

TEST(Entra, JsonBodyIsNotAForm) {
  FieldList headers;
  headers.Add("Content-Type", "application/json");
  const auto response = kEntra.Handle(
      SimRequest::Make("POST", "/t/oauth2/v2.0/token", headers, R"({"grant_type":"x"})"), "t",
      FixedNow());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.JsonBody()["error_codes"][0], 900144);
}

TEST(Entra, GetIsRejected) {
  const auto response =
      kEntra.Handle(SimRequest::Make("GET", "/t/oauth2/v2.0/token"), "t", FixedNow());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.JsonBody()["error_codes"][0], 900561);
}

}  // namespace
}  // namespace mensor::sim

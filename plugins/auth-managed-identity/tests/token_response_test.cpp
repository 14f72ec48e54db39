#include "token_response.hpp"

#include <gtest/gtest.h>
#include <mensor/sdk/error.hpp>

namespace mensor::managed_identity {
namespace {

constexpr int64_t kNs = 1'000'000'000;

TEST(ParseTokenResponse, ImdsStringsOfEpochSeconds) {
  AccessToken token = ParseTokenResponse(
      EndpointKind::kImds,
      R"({"access_token":"tok","refresh_token":"","expires_in":"3599","expires_on":"1506484173",)"
      R"("not_before":"1506480273","resource":"https://management.azure.com/","token_type":"Bearer"})",
      0);
  EXPECT_EQ(token.value, "tok");
  EXPECT_EQ(token.expires_unix_ns, 1506484173 * kNs);
}

TEST(ParseTokenResponse, NumericExpiresOn) {
  AccessToken token = ParseTokenResponse(EndpointKind::kAppService,
                                         R"({"access_token":"t","expires_on":1586984735})", 0);
  EXPECT_EQ(token.expires_unix_ns, 1586984735 * kNs);
}

TEST(ParseTokenResponse, FallsBackToExpiresIn) {
  AccessToken token =
      ParseTokenResponse(EndpointKind::kImds, R"({"access_token":"t","expires_in":"60"})", 5 * kNs);
  EXPECT_EQ(token.expires_unix_ns, 65 * kNs);
  token = ParseTokenResponse(EndpointKind::kImds, R"({"access_token":"t","expires_in":60})", 0);
  EXPECT_EQ(token.expires_unix_ns, 60 * kNs);
}

TEST(ParseTokenResponse, RejectsMissingTokenOrExpiryWithoutLeakingToken) {
  EXPECT_THROW(ParseTokenResponse(EndpointKind::kImds, R"({"expires_in":60})", 0), sdk::Error);
  try {
    ParseTokenResponse(EndpointKind::kImds, R"({"access_token":"secret-token"})", 0);
    FAIL();
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_UNAVAILABLE);
    EXPECT_EQ(std::string(error.what()).find("secret-token"), std::string::npos);
  }
  EXPECT_THROW(ParseTokenResponse(EndpointKind::kImds, "<html>", 0), sdk::Error);
}

TEST(DescribeErrorResponse, NamesEndpointStatusErrorAndDescription) {
  EXPECT_EQ(DescribeErrorResponse(
                EndpointKind::kImds, 400,
                R"({"error":"invalid_request","error_description":"Identity not found"})"),
            "IMDS returned 400: invalid_request: Identity not found");
  EXPECT_EQ(
      DescribeErrorResponse(
          EndpointKind::kAppService, 400,
          R"({"error":"invalid_resource","error_description":"AADSTS50001: bad\r\nTrace ID: x"})"),
      "App Service identity endpoint returned 400: invalid_resource: AADSTS50001: bad");
}

TEST(DescribeErrorResponse, NonJsonBodyIsExcerpted) {
  EXPECT_EQ(DescribeErrorResponse(EndpointKind::kImds, 503, "Service\nUnavailable"),
            "IMDS returned 503: Service Unavailable");
  EXPECT_EQ(DescribeErrorResponse(EndpointKind::kImds, 503, ""), "IMDS returned 503");
  EXPECT_EQ(DescribeErrorResponse(EndpointKind::kImds, 500, std::string(300, 'x')).size(),
            std::string("IMDS returned 500: ").size() + 200 + 3);
}

TEST(Classify, StatusesAndRetryability) {
  EXPECT_EQ(ClassifyStatus(400), MENSOR_E_UNAUTHENTICATED);
  EXPECT_EQ(ClassifyStatus(401), MENSOR_E_UNAUTHENTICATED);
  EXPECT_EQ(ClassifyStatus(404), MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(ClassifyStatus(429), MENSOR_E_THROTTLED);
  EXPECT_EQ(ClassifyStatus(503), MENSOR_E_UNAVAILABLE);
  EXPECT_TRUE(IsRetryableStatus(EndpointKind::kImds, 404));
  EXPECT_TRUE(IsRetryableStatus(EndpointKind::kImds, 410));
  EXPECT_TRUE(IsRetryableStatus(EndpointKind::kImds, 429));
  EXPECT_TRUE(IsRetryableStatus(EndpointKind::kImds, 500));
  EXPECT_FALSE(IsRetryableStatus(EndpointKind::kImds, 400));
  EXPECT_FALSE(IsRetryableStatus(EndpointKind::kAppService, 404));
  EXPECT_TRUE(IsRetryableStatus(EndpointKind::kAppService, 503));
}

}  // namespace
}  // namespace mensor::managed_identity

#include "managed_identity.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::sim {
namespace {

using testing::FixedNow;

const TokenIssuer kIssuer("key", std::chrono::seconds(3600));
constexpr const char* kImdsPath =
    "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/";

SimRequest Imds(const std::string& target, bool metadata_header = true) {
  FieldList headers;
  if (metadata_header) headers.Add("Metadata", "true");
  return SimRequest::Make("GET", target, std::move(headers));
}

TEST(Imds, IssuesTokenWithStringTimes) {
  const auto response = HandleImdsToken(Imds(kImdsPath), kIssuer, FixedNow());
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = response.JsonBody();
  const std::string now = std::to_string(FixedNow().time_since_epoch().count());
  const std::string expires = std::to_string(FixedNow().time_since_epoch().count() + 3600);
  EXPECT_EQ(body["expires_in"], "3600");
  EXPECT_EQ(body["expires_on"], expires);
  EXPECT_EQ(body["not_before"], now);
  EXPECT_EQ(body["resource"], "https://management.azure.com/");
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["refresh_token"], "");
  const auto token = kIssuer.Validate(body["access_token"].get<std::string>(), FixedNow());
  ASSERT_EQ(token.status, TokenStatus::kValid);
  EXPECT_EQ(token.claims.audience, "https://management.azure.com/");
}

TEST(Imds, RequiresMetadataHeaderWithExactBody) {
  const auto response = HandleImdsToken(Imds(kImdsPath, false), kIssuer, FixedNow());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.JsonBody(),
            (nlohmann::json{{"error", "invalid_request"},
                            {"error_description", "Required metadata header not specified"}}));
  FieldList wrong;
  wrong.Add("Metadata", "True");
  EXPECT_EQ(HandleImdsToken(SimRequest::Make("GET", kImdsPath, wrong), kIssuer, FixedNow()).status,
            400);
}

TEST(Imds, ValidatesQuery) {
  for (const char* target :
       {"/metadata/identity/oauth2/token?resource=https://management.azure.com/",
        "/metadata/identity/oauth2/token?api-version=2099-01-01&resource=https://x/",
        "/metadata/identity/oauth2/token?api-version=2018-02-01",
        "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=",
        "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://x/"
        "&client_id=a&object_id=b"}) {
    const auto response = HandleImdsToken(Imds(target), kIssuer, FixedNow());
    EXPECT_EQ(response.status, 400) << target;
    const auto body = response.JsonBody();
    EXPECT_TRUE(body.contains("error") && body.contains("error_description")) << target;
    EXPECT_EQ(body.size(), 2u);
  }
}

TEST(Imds, UserAssignedIdentityBySelector) {
  const auto response =
      HandleImdsToken(Imds(std::string(kImdsPath) + "&client_id=my-identity"), kIssuer, FixedNow());
  ASSERT_EQ(response.status, 200);
  const auto token =
      kIssuer.Validate(response.JsonBody()["access_token"].get<std::string>(), FixedNow());
  EXPECT_EQ(token.claims.app_id, "my-identity");
}

SimRequest AppService(const std::string& target, const char* secret) {
  FieldList headers;
  if (secret) headers.Add("X-IDENTITY-HEADER", secret);
  return SimRequest::Make("GET", target, std::move(headers));
}

constexpr const char* kMsiPath =
    "/msi/token?resource=https://management.azure.com/&api-version=2019-08-01";

TEST(AppServiceIdentity, IssuesTokenLikeTheFixture) {
  const auto response =
      HandleAppServiceToken(AppService(kMsiPath, "s3cret"), kIssuer, "s3cret", FixedNow());
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = response.JsonBody();
  EXPECT_TRUE(body["expires_on"].is_string());
  EXPECT_EQ(body["resource"], "https://management.azure.com/");
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_TRUE(body["client_id"].is_string());
  EXPECT_EQ(body.size(), 5u);
}

TEST(AppServiceIdentity, RequiresTheIdentityHeaderSecret) {
  EXPECT_EQ(
      HandleAppServiceToken(AppService(kMsiPath, nullptr), kIssuer, "s3cret", FixedNow()).status,
      400);
  EXPECT_EQ(
      HandleAppServiceToken(AppService(kMsiPath, "wrong"), kIssuer, "s3cret", FixedNow()).status,
      401);
  EXPECT_EQ(
      HandleAppServiceToken(
          AppService("/msi/token?resource=https://management.azure.com/&api-version=2017-09-01",
                     "s3cret"),
          kIssuer, "s3cret", FixedNow())
          .status,
      400);
}

}  // namespace
}  // namespace mensor::sim

#include "token.hpp"

#include <gtest/gtest.h>

#include "crypto.hpp"
#include "test_support.hpp"

namespace mensor::sim {
namespace {

using std::chrono::seconds;
using testing::FixedNow;

const TokenSubject kSubject{std::string(kSimTenantId), "app-1", "object-1"};

TEST(Token, IsJwtShapedAndRoundTripsClaims) {
  const TokenIssuer issuer("key", seconds(3600));
  const std::string token = issuer.Issue(kSubject, "https://management.azure.com/", FixedNow());
  EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);
  EXPECT_EQ(token.find('='), std::string::npos);  // base64url without padding.
  const auto header = Base64UrlDecode(token.substr(0, token.find('.')));
  ASSERT_TRUE(header);
  EXPECT_EQ(nlohmann::json::parse(*header)["alg"], "HS256");

  const auto result = issuer.Validate(token, FixedNow() + seconds(10));
  ASSERT_EQ(result.status, TokenStatus::kValid);
  EXPECT_EQ(result.claims.audience, "https://management.azure.com/");
  EXPECT_EQ(result.claims.tenant_id, kSimTenantId);
  EXPECT_EQ(result.claims.app_id, "app-1");
  EXPECT_EQ(result.claims.object_id, "object-1");
  EXPECT_EQ(result.claims.issuer, "https://sts.windows.net/" + std::string(kSimTenantId) + "/");
  EXPECT_EQ(result.claims.issued_at, FixedNow());
  EXPECT_EQ(result.claims.expires_at, FixedNow() + seconds(3600));
}

TEST(Token, ExpiresExactlyAtExp) {
  const TokenIssuer issuer("key", seconds(60));
  const std::string token = issuer.Issue(kSubject, "aud", FixedNow());
  EXPECT_EQ(issuer.Validate(token, FixedNow() + seconds(59)).status, TokenStatus::kValid);
  EXPECT_EQ(issuer.Validate(token, FixedNow() + seconds(60)).status, TokenStatus::kExpired);
}

TEST(Token, ExplicitLifetimeOverridesDefault) {
  const TokenIssuer issuer("key", seconds(3600));
  const std::string token = issuer.Issue(kSubject, "aud", FixedNow(), seconds(0));
  EXPECT_EQ(issuer.Validate(token, FixedNow()).status, TokenStatus::kExpired);
}

TEST(Token, RejectsAnotherKeysSignature) {
  const TokenIssuer issuer("key", seconds(3600));
  const TokenIssuer other("other-key", seconds(3600));
  const std::string token = other.Issue(kSubject, "aud", FixedNow());
  EXPECT_EQ(issuer.Validate(token, FixedNow()).status, TokenStatus::kBadSignature);
}

TEST(Token, RejectsTamperedPayload) {
  const TokenIssuer issuer("key", seconds(3600));
  std::string token = issuer.Issue(kSubject, "https://storage.azure.com/", FixedNow());
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  auto payload =
      nlohmann::json::parse(*Base64UrlDecode(token.substr(first + 1, second - first - 1)));
  payload["aud"] = "https://management.azure.com/";
  token = token.substr(0, first + 1) + Base64UrlEncode(payload.dump()) + token.substr(second);
  EXPECT_EQ(issuer.Validate(token, FixedNow()).status, TokenStatus::kBadSignature);
}

TEST(Token, RejectsGarbage) {
  const TokenIssuer issuer("key", seconds(3600));
  for (const char* token : {"", "abc", "a.b", "a.b.c.d", "!!!.???.***", "e30.e30.e30"}) {
    const auto status = issuer.Validate(token, FixedNow()).status;
    EXPECT_TRUE(status == TokenStatus::kMalformed || status == TokenStatus::kBadSignature) << token;
  }
}

TEST(Token, NotBeforeHonoursClockSkew) {
  const TokenIssuer issuer("key", seconds(3600));
  const std::string token = issuer.Issue(kSubject, "aud", FixedNow() + seconds(600));
  EXPECT_EQ(issuer.Validate(token, FixedNow()).status, TokenStatus::kNotYetValid);
  EXPECT_EQ(issuer.Validate(token, FixedNow() + seconds(301)).status, TokenStatus::kValid);
}

TEST(Token, RandomKeysDifferPerIssuer) {
  const TokenIssuer a(seconds(60));
  const TokenIssuer b(seconds(60));
  EXPECT_EQ(a.Validate(b.Issue(kSubject, "aud", FixedNow()), FixedNow()).status,
            TokenStatus::kBadSignature);
}

}  // namespace
}  // namespace mensor::sim

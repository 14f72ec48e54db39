#include "mensor/azure/azure_error.hpp"

#include <gtest/gtest.h>

#include "fixture_util.hpp"

namespace mensor::azure {
namespace {

using testing::ReadFixture;

TEST(AzureErrorTest, FlatBody) {
  const AzureError e = ParseAzureError(400, ReadFixture("metric-definitions-error-response.json"));
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "BadRequest");
  EXPECT_EQ(e.message,
            "ApiVersion: 2018-01-01 does not support query metricdefinitions at non Arm resource "
            "Id level");
  EXPECT_EQ(e.error_class, ErrorClass::kBadRequest);
  EXPECT_FALSE(e.IsRetryable());
  EXPECT_EQ(e.ToLogString(), "BadRequest: " + e.message);
}

TEST(AzureErrorTest, WrappedBody) {
  const AzureError e = ParseAzureError(400, ReadFixture("metrics-batch-error-response.json"));
  EXPECT_EQ(e.code, "BadRequest");
  EXPECT_TRUE(e.message.starts_with("Query endTime: 06/06/2021 00:00:00 is out of the Max"));
  const AzureError s =
      ParseAzureError(400, ReadFixture("metrics-subscription-scope-error-response.json"));
  EXPECT_TRUE(s.message.starts_with("Missing required region params"));
}

TEST(AzureErrorTest, ContractEnvelopeWithEmptyFieldsAndDetails) {
  const AzureError e = ParseAzureError(409, ReadFixture("arm-error-response-contract.json"));
  EXPECT_EQ(e.code, "");
  EXPECT_EQ(e.message, "");
  EXPECT_EQ(e.error_class, ErrorClass::kOther);
  EXPECT_EQ(e.ToLogString(), "HTTP 409");
}

TEST(AzureErrorTest, ResourceGraphDetailsAreKept) {
  const AzureError e =
      ParseAzureError(400, R"({"error":{"code":"BadRequest","message":"Please provide below info",
               "details":[{"code":"InvalidQuery","message":"Query is invalid."},
                          {"code":"ParserFailure","message":"ParserFailure","line":1}]}})");
  ASSERT_EQ(e.details.size(), 2u);
  EXPECT_EQ(e.ToLogString(),
            "BadRequest: Please provide below info (InvalidQuery: Query is invalid.; "
            "ParserFailure: ParserFailure)");
}

TEST(AzureErrorTest, ThrottlingAndAuthBodies) {
  const AzureError t = ParseAzureError(
      429,
      R"({"error":{"code":"SubscriptionRequestsThrottled","message":"Number of 'read' requests exceeded."}})");
  EXPECT_EQ(t.error_class, ErrorClass::kThrottled);
  EXPECT_TRUE(t.IsRetryable());
  EXPECT_EQ(t.code, "SubscriptionRequestsThrottled");
  const AzureError a = ParseAzureError(
      401, R"({"error":{"code":"InvalidAuthenticationTokenAudience","message":"x"}})");
  EXPECT_EQ(a.error_class, ErrorClass::kUnauthenticated);
  EXPECT_FALSE(a.IsRetryable());
}

TEST(AzureErrorTest, EntraAndStorageAndPlainBodies) {
  const AzureError entra = ParseAzureError(
      400,
      R"({"error":"invalid_scope","error_description":"AADSTS70011: bad scope.\r\nTrace ID: 1"})");
  EXPECT_EQ(entra.code, "invalid_scope");
  EXPECT_EQ(entra.message, "AADSTS70011: bad scope. Trace ID: 1");  // one log line
  const AzureError storage = ParseAzureError(
      404,
      "<?xml version=\"1.0\"?><Error><Code>QueueNotFound</Code><Message>The specified queue "
      "does not exist.</Message></Error>");
  EXPECT_EQ(storage.code, "QueueNotFound");
  EXPECT_EQ(storage.error_class, ErrorClass::kNotFound);
  const AzureError gateway = ParseAzureError(502, "<html><body>Bad Gateway</body></html>");
  EXPECT_EQ(gateway.error_class, ErrorClass::kUnavailable);
  EXPECT_EQ(gateway.message, "<html><body>Bad Gateway</body></html>");
  const AzureError empty = ParseAzureError(503, "");
  EXPECT_EQ(empty.ToLogString(), "HTTP 503");
  EXPECT_TRUE(empty.IsRetryable());
}

TEST(AzureErrorTest, Classification) {
  EXPECT_EQ(ClassifyStatus(401), ErrorClass::kUnauthenticated);
  EXPECT_EQ(ClassifyStatus(403), ErrorClass::kPermissionDenied);
  EXPECT_EQ(ClassifyStatus(404), ErrorClass::kNotFound);
  EXPECT_EQ(ClassifyStatus(400), ErrorClass::kBadRequest);
  EXPECT_EQ(ClassifyStatus(429), ErrorClass::kThrottled);
  EXPECT_EQ(ClassifyStatus(529), ErrorClass::kThrottled);
  EXPECT_EQ(ClassifyStatus(408), ErrorClass::kUnavailable);
  EXPECT_EQ(ClassifyStatus(500), ErrorClass::kUnavailable);
  EXPECT_EQ(ClassifyStatus(504), ErrorClass::kUnavailable);
  EXPECT_EQ(ClassifyStatus(0), ErrorClass::kUnavailable);
  EXPECT_EQ(ClassifyStatus(409), ErrorClass::kOther);
  const AzureError t = TransportError("connection reset");
  EXPECT_TRUE(t.IsRetryable());
  EXPECT_EQ(t.ToLogString(), "connection reset");
}

TEST(AzureErrorTest, LogStringIsTruncatedAndRedacted) {
  const AzureError big =
      ParseAzureError(400, "{\"code\":\"X\",\"message\":\"" + std::string(5000, 'a') + "\"}");
  EXPECT_LE(big.ToLogString().size(), kMaxErrorTextLength);
  EXPECT_TRUE(big.ToLogString().ends_with("..."));
  const AzureError secret = ParseAzureError(
      401,
      R"({"code":"InvalidAuthenticationToken","message":"Header Authorization: Bearer abc.def-ghi was rejected; token eyJ0eXAiOiJKV1QiLCJhbGciOi.eyJhdWQiOiJodHRwcyJ9.sig; url ?sv=2020&sig=AbC%2Fdef"})");
  const std::string log = secret.ToLogString();
  EXPECT_EQ(log.find("abc.def"), std::string::npos) << log;
  EXPECT_EQ(log.find("eyJ0eXAi"), std::string::npos) << log;
  EXPECT_EQ(log.find("AbC"), std::string::npos) << log;
  EXPECT_NE(log.find("Bearer [redacted]"), std::string::npos) << log;
  EXPECT_NE(log.find("sig=[redacted]"), std::string::npos) << log;
}

TEST(AzureErrorTest, TruncationKeepsUtf8Whole) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "\xC3\xA9";  // é
  const std::string out = SanitizeForLog(text, 100);
  EXPECT_LE(out.size(), 100u);
  const std::string body = out.substr(0, out.size() - 3);
  EXPECT_EQ(body.size() % 2, 0u);  // never half a code point
}

TEST(AzureErrorTest, RetryAfter) {
  EXPECT_EQ(ParseRetryAfter("1"), std::chrono::seconds(1));
  EXPECT_EQ(ParseRetryAfter(" 120 "), std::chrono::seconds(120));
  EXPECT_EQ(ParseRetryAfter("3600"), std::chrono::seconds(3600));
  EXPECT_EQ(ParseRetryAfter("0"), std::chrono::seconds(0));
  EXPECT_EQ(ParseRetryAfter("1.5"), std::chrono::seconds(2));
  EXPECT_EQ(ParseRetryAfter("2.0"), std::chrono::seconds(2));
  for (const char* bad :
       {"", "-1", "abc", "Wed, 21 Oct 2015 07:28:00 GMT", "1e3", "99999999999999999999", "1 2"}) {
    EXPECT_FALSE(ParseRetryAfter(bad).has_value()) << bad;
  }
}

TEST(AzureErrorTest, RemainingReads) {
  EXPECT_EQ(ParseRemainingReads("11999"), 11999);
  EXPECT_EQ(ParseRemainingReads(" 249 "), 249);
  EXPECT_EQ(ParseRemainingReads("0"), 0);
  EXPECT_EQ(ParseRemainingReads("70000"), 70000);  // Promitor's 16-bit parse would overflow
  EXPECT_FALSE(ParseRemainingReads("").has_value());
  EXPECT_FALSE(ParseRemainingReads("-5").has_value());
  EXPECT_FALSE(ParseRemainingReads("12k").has_value());
}

}  // namespace
}  // namespace mensor::azure

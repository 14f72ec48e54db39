#include <mensor/sdk/azure/token_response.hpp>

#include <gtest/gtest.h>

#include <string>

namespace mensor::sdk::azure {
namespace {

constexpr int64_t kNs = 1'000'000'000;

std::string FailureOf(std::string_view body, ExpiryFields fields) {
  try {
    ParseAccessToken(body, 0, "IMDS", fields);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_UNAVAILABLE);
    return error.what();
  }
  ADD_FAILURE() << "no error for " << body;
  return {};
}

TEST(ReadSeconds, AcceptsNumbersAndDecimalStrings) {
  const auto json = nlohmann::json::parse(
      R"({"i":60,"d":59.9,"s":"1506484173","bad":"12x","neg":"-5","obj":{},"empty":""})");
  EXPECT_EQ(ReadSeconds(json, "i"), 60);
  EXPECT_EQ(ReadSeconds(json, "d"), 59);
  EXPECT_EQ(ReadSeconds(json, "s"), 1506484173);
  EXPECT_EQ(ReadSeconds(json, "neg"), -5);
  EXPECT_EQ(ReadSeconds(json, "bad"), std::nullopt);
  EXPECT_EQ(ReadSeconds(json, "obj"), std::nullopt);
  EXPECT_EQ(ReadSeconds(json, "empty"), std::nullopt);
  EXPECT_EQ(ReadSeconds(json, "missing"), std::nullopt);
}

TEST(StringField, OnlyStrings) {
  const auto json = nlohmann::json::parse(R"({"a":"x","n":1})");
  EXPECT_EQ(StringField(json, "a"), "x");
  EXPECT_EQ(StringField(json, "n"), "");
  EXPECT_EQ(StringField(json, "missing"), "");
}

TEST(FirstLine, StopsAtCarriageReturnOrNewline) {
  EXPECT_EQ(FirstLine("AADSTS7000215: bad secret\r\nTrace ID: 1"), "AADSTS7000215: bad secret");
  EXPECT_EQ(FirstLine("one\ntwo"), "one");
  EXPECT_EQ(FirstLine("single"), "single");
}

TEST(Excerpt, CutsAt200AndBlanksControlCharacters) {
  EXPECT_EQ(Excerpt("<html>\n<body>"), "<html> <body>");
  const std::string long_body(250, 'x');
  EXPECT_EQ(Excerpt(long_body), std::string(200, 'x') + "...");
  EXPECT_EQ(Excerpt(std::string(200, 'y')), std::string(200, 'y'));
}

TEST(ParseAccessToken, ExpiresOnWinsWhenAccepted) {
  const std::string body = R"({"access_token":"t","expires_on":"1000","expires_in":60})";
  EXPECT_EQ(ParseAccessToken(body, 5 * kNs, "IMDS", ExpiryFields::kExpiresOnOrIn).expires_unix_ns,
            1000 * kNs);
  EXPECT_EQ(ParseAccessToken(body, 5 * kNs, "IMDS", ExpiryFields::kExpiresIn).expires_unix_ns,
            65 * kNs);
}

TEST(ParseAccessToken, FailuresNameTheEndpointButNeverTheToken) {
  EXPECT_EQ(FailureOf("<html>", ExpiryFields::kExpiresIn),
            "IMDS returned 200 with a body that is not JSON");
  EXPECT_EQ(FailureOf(R"({"expires_in":60})", ExpiryFields::kExpiresIn),
            "IMDS returned 200 without access_token");
  EXPECT_EQ(
      FailureOf(R"({"access_token":"secret-token","expires_on":1})", ExpiryFields::kExpiresIn),
      "IMDS returned a token without a usable expires_in");
  EXPECT_EQ(FailureOf(R"({"access_token":"secret-token"})", ExpiryFields::kExpiresOnOrIn),
            "IMDS returned a token without a usable expires_on or expires_in");
}

}  // namespace
}  // namespace mensor::sdk::azure

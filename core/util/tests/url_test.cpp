#include "mensor/util/url.hpp"

#include <gtest/gtest.h>

namespace mensor::util {
namespace {

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b/c?d=e&f+g%"), "a%20b%2Fc%3Fd%3De%26f%2Bg%25");
  EXPECT_EQ(PercentEncode("\xC3\xA9"), "%C3%A9");  // UTF-8 bytes, upper-case hex
}

TEST(PercentEncode, KeepSlashForPaths) {
  EXPECT_EQ(PercentEncode("/subscriptions/a b/rg", true), "/subscriptions/a%20b/rg");
}

TEST(PercentEncodePath, KeepsSlashesAndSegmentCharacters) {
  EXPECT_EQ(PercentEncodePath("/subscriptions/a b/providers/Microsoft.Web/sites/x:y@z"),
            "/subscriptions/a%20b/providers/Microsoft.Web/sites/x:y@z");
  EXPECT_EQ(PercentEncodePath("!$&'()*+,;="), "!$&'()*+,;=");
  EXPECT_EQ(PercentEncodePath("a?b#c%d"), "a%3Fb%23c%25d");
}

TEST(PercentDecode, DecodesEscapesAndKeepsMalformedOnes) {
  EXPECT_EQ(PercentDecode("a%20b%2fc"), "a b/c");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
}

TEST(PercentDecode, RoundTripsArbitraryBytes) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(PercentDecode(PercentEncode(all)), all);
}

TEST(ParseQuery, SplitsAndDecodesInOrder) {
  const auto pairs = ParseQuery("a=1&b=x%20y&&c&d=&e=p+q&a=2");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a", "1"}, {"b", "x y"}, {"c", ""}, {"d", ""}, {"e", "p q"}, {"a", "2"}};
  EXPECT_EQ(pairs, expected);
  EXPECT_TRUE(ParseQuery("").empty());
}

TEST(FormEncode, ParseQueryInverts) {
  const std::vector<std::pair<std::string, std::string>> pairs = {{"k=1", "v&2"}, {"x", "+ %"}};
  EXPECT_EQ(ParseQuery(FormEncode(pairs)), pairs);
}

}  // namespace
}  // namespace mensor::util

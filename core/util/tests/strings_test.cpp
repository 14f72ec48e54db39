#include "mensor/util/strings.hpp"

#include <gtest/gtest.h>

namespace mensor::util {
namespace {

TEST(AsciiLower, LowersOnlyAsciiCapitals) {
  EXPECT_EQ(AsciiLower('A'), 'a');
  EXPECT_EQ(AsciiLower('Z'), 'z');
  EXPECT_EQ(AsciiLower('a'), 'a');
  EXPECT_EQ(AsciiLower('@'), '@');
  EXPECT_EQ(AsciiLower('['), '[');
  EXPECT_EQ(AsciiLower('\xC9'), '\xC9');  // Not locale dependent: bytes >= 0x80 stay.
}

TEST(EqualsIgnoreCase, ComparesAsciiCaseInsensitively) {
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-type"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("abc", "abcd"));
  EXPECT_FALSE(EqualsIgnoreCase("a-b", "a_b"));
  EXPECT_FALSE(EqualsIgnoreCase("\xC9", "\xE9"));
}

TEST(StartsWithIgnoreCase, MatchesPrefixes) {
  EXPECT_TRUE(StartsWithIgnoreCase("/Providers/x", "/providers/"));
  EXPECT_TRUE(StartsWithIgnoreCase("abc", ""));
  EXPECT_FALSE(StartsWithIgnoreCase("ab", "abc"));
  EXPECT_FALSE(StartsWithIgnoreCase("xabc", "abc"));
}

TEST(ToLowerAscii, LowersEveryLetter) {
  EXPECT_EQ(ToLowerAscii("Mixed-CASE_09"), "mixed-case_09");
  EXPECT_EQ(ToLowerAscii(""), "");
}

TEST(Trim, StripsAsciiWhiteSpaceOnBothEnds) {
  EXPECT_EQ(Trim(" \t\r\n\f\vx y\v\f\n\r\t "), "x y");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("a"), "a");
}

}  // namespace
}  // namespace mensor::util

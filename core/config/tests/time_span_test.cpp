#include "mensor/config/time_span.hpp"

#include <gtest/gtest.h>

namespace mensor::config {
namespace {

struct TimeSpanCase {
  const char* text;
  long long seconds;  // -1 = rejected
};

class TimeSpanParse : public testing::TestWithParam<TimeSpanCase> {};

TEST_P(TimeSpanParse, MatchesDotNet) {
  const auto& c = GetParam();
  const auto parsed = ParseTimeSpan(c.text);
  if (c.seconds < 0) {
    EXPECT_FALSE(parsed.has_value()) << c.text;
  } else {
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed->count(), c.seconds) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, TimeSpanParse,
    testing::Values(
        TimeSpanCase{"00:05:00", 300}, TimeSpanCase{"00:00:30", 30}, TimeSpanCase{"01:00", 3600},
        TimeSpanCase{"23:59:59", 86399}, TimeSpanCase{"1", 86400}, TimeSpanCase{"7", 7 * 86400},
        TimeSpanCase{"1.02:03:04", 93784}, TimeSpanCase{"1.02:03", 93780},
        TimeSpanCase{"10:00:00:00", 864000}, TimeSpanCase{"1:00:00:01", 86401},
        TimeSpanCase{"00:00:01.5", 1}, TimeSpanCase{"  00:01:00  ", 60}, TimeSpanCase{"0:5:0", 300},
        TimeSpanCase{"24:00:00", -1}, TimeSpanCase{"00:60:00", -1}, TimeSpanCase{"00:00:60", -1},
        TimeSpanCase{"abc", -1}, TimeSpanCase{"", -1}, TimeSpanCase{"5m", -1},
        TimeSpanCase{"1.5", -1}, TimeSpanCase{"1:2:3:4:5", -1}, TimeSpanCase{"00:05:00.x", -1},
        TimeSpanCase{"+1", -1}, TimeSpanCase{"00:01.5", -1}));

TEST(TimeSpan, NegativeAndFormat) {
  EXPECT_EQ(ParseTimeSpan("-00:01:00")->count(), -60);
  EXPECT_EQ(FormatTimeSpan(std::chrono::seconds(300)), "00:05:00");
  EXPECT_EQ(FormatTimeSpan(std::chrono::seconds(93784)), "1.02:03:04");
  EXPECT_EQ(FormatTimeSpan(std::chrono::seconds(-60)), "-00:01:00");
  EXPECT_EQ(FormatTimeSpan(*ParseTimeSpan("10:00:00:00")), "10.00:00:00");
}

}  // namespace
}  // namespace mensor::config

#include <gtest/gtest.h>

#include "mensor/config/cron.hpp"

namespace mensor::config {
namespace {

class CronAccepts : public testing::TestWithParam<const char*> {};

TEST_P(CronAccepts, Parses) {
  std::string error;
  const auto cron = CronExpression::Parse(GetParam(), &error);
  EXPECT_TRUE(cron.has_value()) << GetParam() << ": " << error;
}

INSTANTIATE_TEST_SUITE_P(Table, CronAccepts,
                         testing::Values("* * * * *", "*/5 * * * *", "0 * * ? * *", "0 0 12 * * ?",
                                         "1-10/2 * * * *", "0,15,30,45 * * * *",
                                         "0 9-17 * * MON-FRI", "0 0 1 jan,Jul *", "0 0 * * 7",
                                         "0 0 * * 0-7", "5/15 * * * *", "  */2  *  * * *  ",
                                         "@hourly", "@Daily", "@every_second", "0 0 29 2 *",
                                         "0 0 31 * *", "30 */10 * * * *"));

struct RejectCase {
  const char* text;
  const char* error;
};

class CronRejects : public testing::TestWithParam<RejectCase> {};

TEST_P(CronRejects, WithReason) {
  std::string error;
  EXPECT_FALSE(CronExpression::Parse(GetParam().text, &error).has_value()) << GetParam().text;
  EXPECT_EQ(error, GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CronRejects,
    testing::Values(
        RejectCase{"",
                   "expected 5 fields (minute hour day-of-month month day-of-week) or 6 "
                   "with seconds first, found 0"},
        RejectCase{"* * * *",
                   "expected 5 fields (minute hour day-of-month month day-of-week) "
                   "or 6 with seconds first, found 4"},
        RejectCase{"* * * * * * *",
                   "expected 5 fields (minute hour day-of-month month "
                   "day-of-week) or 6 with seconds first, found 7"},
        RejectCase{"60 * * * *", "minutes: 60 is outside 0-59"},
        RejectCase{"* 24 * * *", "hours: 24 is outside 0-23"},
        RejectCase{"* * 0 * *", "day-of-month: 0 is outside 1-31"},
        RejectCase{"* * * 13 *", "month: 13 is outside 1-12"},
        RejectCase{"* * * * 8", "day-of-week: 8 is outside 0-7"},
        RejectCase{"* * * FOO *", "month: 'FOO' is not a number or a name"},
        RejectCase{"*/0 * * * *", "minutes: step '0' must be 1-59"},
        RejectCase{"10-5 * * * *", "minutes: range '10-5' is reversed"},
        RejectCase{"1,,2 * * * *", "minutes: empty list item in '1,,2'"},
        RejectCase{"? * * * *", "minutes: '?' is only allowed for day-of-month and day-of-week"},
        RejectCase{"0 0 30 2 *", "the day-of-month never occurs in the selected months"},
        RejectCase{"0 0 L * *", "day-of-month: 'L' is not a number"},
        RejectCase{"@fortnightly", "unknown macro '@fortnightly'"},
        RejectCase{"a b c d e", "minutes: 'a' is not a number"}));

TEST(Cron, KeepsTextAndSecondsFlag) {
  const auto five = CronExpression::Parse(" */5 * * * * ");
  ASSERT_TRUE(five);
  EXPECT_EQ(five->Text(), "*/5 * * * *");
  EXPECT_FALSE(five->HasSeconds());
  const auto six = CronExpression::Parse("0 */5 * * * *");
  ASSERT_TRUE(six);
  EXPECT_TRUE(six->HasSeconds());
}

}  // namespace
}  // namespace mensor::config

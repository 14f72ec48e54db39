#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

#include "mensor/config/cron.hpp"

namespace mensor::config {
namespace {

using std::chrono::system_clock;

// "YYYY-MM-DD hh:mm:ss" in UTC.
system_clock::time_point At(const char* text) {
  std::tm tm{};
  sscanf(text, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
         &tm.tm_sec);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return system_clock::from_time_t(timegm(&tm));
}

std::string Format(system_clock::time_point time) {
  const std::time_t t = system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
  return buffer;
}

struct NextCase {
  const char* cron;
  const char* after;
  const char* expected;
};

class CronNext : public testing::TestWithParam<NextCase> {};

TEST_P(CronNext, FindsFirstFireTimeStrictlyAfter) {
  const auto& c = GetParam();
  const auto cron = CronExpression::Parse(c.cron);
  ASSERT_TRUE(cron) << c.cron;
  const auto next = cron->Next(At(c.after));
  ASSERT_TRUE(next) << c.cron;
  EXPECT_EQ(Format(*next), c.expected) << c.cron << " after " << c.after;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CronNext,
    testing::Values(NextCase{"* * * * *", "2024-01-01 00:00:00", "2024-01-01 00:01:00"},
                    NextCase{"* * * * *", "2024-01-01 00:00:59", "2024-01-01 00:01:00"},
                    NextCase{"*/5 * * * *", "2024-01-01 00:04:59", "2024-01-01 00:05:00"},
                    NextCase{"*/5 * * * *", "2024-01-01 00:05:00", "2024-01-01 00:10:00"},
                    NextCase{"0 * * ? * *", "2024-01-01 10:20:30", "2024-01-01 10:21:00"},
                    NextCase{"*/10 * * * * *", "2024-01-01 10:20:30", "2024-01-01 10:20:40"},
                    NextCase{"59 23 31 12 *", "2024-06-01 00:00:00", "2024-12-31 23:59:00"},
                    NextCase{"0 0 * * *", "2023-12-31 23:59:59", "2024-01-01 00:00:00"},
                    NextCase{"0 0 29 2 *", "2024-03-01 00:00:00", "2028-02-29 00:00:00"},
                    NextCase{"0 0 29 2 *", "2096-03-01 00:00:00", "2104-02-29 00:00:00"},
                    NextCase{"0 0 31 * *", "2024-04-01 00:00:00", "2024-05-31 00:00:00"},
                    NextCase{"0 0 30 * *", "2024-02-01 00:00:00", "2024-03-30 00:00:00"},
                    NextCase{"0 12 * * MON", "2024-05-15 00:00:00", "2024-05-20 12:00:00"},
                    NextCase{"0 0 * * 7", "2024-05-15 00:00:00", "2024-05-19 00:00:00"},
                    NextCase{"0 0 * * 0", "2024-05-19 00:00:00", "2024-05-26 00:00:00"},
                    // Both day fields restricted: Vixie OR (the 13th or any Friday).
                    NextCase{"0 0 13 * 5", "2024-05-01 00:00:00", "2024-05-03 00:00:00"},
                    NextCase{"0 0 13 * 5", "2024-05-10 00:00:01", "2024-05-13 00:00:00"},
                    // Day-of-month starting with '*': AND (odd days that are Mondays).
                    NextCase{"0 0 */2 * 1", "2024-05-01 00:00:00", "2024-05-13 00:00:00"},
                    NextCase{"0 0 1 * *", "2024-12-15 00:00:00", "2025-01-01 00:00:00"},
                    NextCase{"0 0 1 JAN,JUL *", "2024-02-01 00:00:00", "2024-07-01 00:00:00"},
                    NextCase{"30 2 * * *", "2024-03-10 02:30:00", "2024-03-11 02:30:00"},
                    NextCase{"0 9-17/4 * * *", "2024-05-15 13:00:00", "2024-05-15 17:00:00"},
                    NextCase{"0 9-17/4 * * *", "2024-05-15 17:00:00", "2024-05-16 09:00:00"},
                    NextCase{"15,45 * * * *", "2024-05-15 13:44:59", "2024-05-15 13:45:00"},
                    NextCase{"@yearly", "2024-01-01 00:00:00", "2025-01-01 00:00:00"}));

TEST(CronNext, SubSecondInputRoundsToNextWholeSecond) {
  const auto cron = CronExpression::Parse("* * * * * *");
  ASSERT_TRUE(cron);
  const auto next = cron->Next(At("2024-01-01 00:00:00") + std::chrono::milliseconds(400));
  EXPECT_EQ(Format(*next), "2024-01-01 00:00:01");
}

TEST(CronNext, Matches) {
  const auto cron = CronExpression::Parse("0 0 29 2 *");
  ASSERT_TRUE(cron);
  EXPECT_TRUE(cron->Matches(At("2024-02-29 00:00:00")));
  EXPECT_FALSE(cron->Matches(At("2024-02-28 00:00:00")));
}

}  // namespace
}  // namespace mensor::config

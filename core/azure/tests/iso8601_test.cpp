#include "mensor/azure/iso8601.hpp"

#include <gtest/gtest.h>

namespace mensor::azure {
namespace {

using namespace std::chrono;

TimePoint Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

TEST(Iso8601Test, FormatsStandardGrains) {
  EXPECT_EQ(FormatDuration(minutes(1)), "PT1M");
  EXPECT_EQ(FormatDuration(minutes(5)), "PT5M");
  EXPECT_EQ(FormatDuration(minutes(15)), "PT15M");
  EXPECT_EQ(FormatDuration(minutes(30)), "PT30M");
  EXPECT_EQ(FormatDuration(hours(1)), "PT1H");
  EXPECT_EQ(FormatDuration(hours(6)), "PT6H");
  EXPECT_EQ(FormatDuration(hours(12)), "PT12H");
  EXPECT_EQ(FormatDuration(hours(24)), "P1D");
}

TEST(Iso8601Test, FormatsGeneralDurations) {
  EXPECT_EQ(FormatDuration(days(1) + hours(1) + minutes(1) + seconds(1)), "P1DT1H1M1S");
  EXPECT_EQ(FormatDuration(seconds(90)), "PT1M30S");
  EXPECT_EQ(FormatDuration(seconds(0)), "PT0S");
  EXPECT_EQ(FormatDuration(days(2) + minutes(30)), "P2DT30M");
  EXPECT_EQ(FormatDuration(seconds(-60)), "-PT1M");
}

TEST(Iso8601Test, ParsesDurations) {
  EXPECT_EQ(ParseDuration("PT1M"), minutes(1));
  EXPECT_EQ(ParseDuration("PT12H"), hours(12));
  EXPECT_EQ(ParseDuration("P1D"), days(1));
  EXPECT_EQ(ParseDuration("P1DT1H1M1S"), seconds(90061));
  EXPECT_EQ(ParseDuration("pt5m"), minutes(5));
  EXPECT_EQ(ParseDuration("PT1.5S"), seconds(1));
  EXPECT_EQ(ParseDuration("P1W"), days(7));
  EXPECT_EQ(ParseDuration(" PT0S "), seconds(0));
}

TEST(Iso8601Test, RejectsInvalidDurations) {
  for (const char* text :
       {"", "P", "PT", "FULL", "1M", "PT1", "P1M", "P1Y", "PT1D", "PT1M1H", "PT1H1H", "PTT1H",
        "PT-1M", "P99999999999999999999D", "PT1.5M", "PT1.S", "PT1M2"}) {
    EXPECT_FALSE(ParseDuration(text).has_value()) << text;
  }
}

TEST(Iso8601Test, DurationRoundTrip) {
  for (const int64_t s : {60, 300, 900, 1800, 3600, 21600, 43200, 86400, 93784, 1}) {
    EXPECT_EQ(ParseDuration(FormatDuration(seconds(s))), seconds(s)) << s;
  }
}

TEST(Iso8601Test, FormatsTimestampsWithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(Utc(2021, 4, 20, 9)), "2021-04-20T09:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(Utc(2023, 2, 1, 23) + milliseconds(345) + microseconds(999)),
            "2023-02-01T23:00:00.345Z");
  EXPECT_EQ(FormatTimestamp(Utc(1999, 12, 31, 23, 59, 59)), "1999-12-31T23:59:59.000Z");
  EXPECT_EQ(FormatTimespan(Utc(2021, 4, 20, 9), Utc(2021, 4, 20, 14)),
            "2021-04-20T09:00:00.000Z/2021-04-20T14:00:00.000Z");
}

TEST(Iso8601Test, ParsesAzureTimestamps) {
  EXPECT_EQ(ParseTimestamp("2021-04-20T09:00:00Z"), Utc(2021, 4, 20, 9));
  EXPECT_EQ(ParseTimestamp("2023-02-01T20:00:00.123Z"), Utc(2023, 2, 1, 20) + milliseconds(123));
  EXPECT_EQ(ParseTimestamp("2023-02-01T20:00:00.1234567Z"),
            Utc(2023, 2, 1, 20) + nanoseconds(123456700));
  EXPECT_EQ(ParseTimestamp("2021-04-20T09:00:00"), Utc(2021, 4, 20, 9));  // no zone = UTC
  EXPECT_EQ(ParseTimestamp("2021-04-20T11:00:00+02:00"), Utc(2021, 4, 20, 9));
  EXPECT_EQ(ParseTimestamp("2021-04-20T07:30:00-01:30"), Utc(2021, 4, 20, 9));
  EXPECT_EQ(ParseTimestamp("2024-02-29T00:00:00Z"), Utc(2024, 2, 29));
}

TEST(Iso8601Test, RejectsInvalidTimestamps) {
  for (const char* text :
       {"", "2021-04-20", "2021-13-01T00:00:00Z", "2021-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
        "2021-04-20T24:00:00Z", "2021-04-20T09:60:00Z", "2021-04-20T09:00:60Z",
        "2021-04-20T09:00:00.Z", "2021-04-20T09:00:00ZZ", "2021-04-20X09:00:00Z",
        "2021-04-20T09:00:00+0200", "YYYY-MM-DD HH:MM:SSZ", "2021-4-20T09:00:00Z"}) {
    EXPECT_FALSE(ParseTimestamp(text).has_value()) << text;
  }
}

TEST(Iso8601Test, TimestampRoundTrip) {
  const TimePoint t = Utc(2030, 7, 1, 12, 34, 56) + milliseconds(789);
  EXPECT_EQ(ParseTimestamp(FormatTimestamp(t)), t);
}

}  // namespace
}  // namespace mensor::azure

#include "iso8601.hpp"

#include <gtest/gtest.h>

namespace mensor::sim {
namespace {

using std::chrono::seconds;

TEST(Iso8601Duration, ParsesTheAzureTimeGrains) {
  EXPECT_EQ(ParseIsoDuration("PT1M"), seconds(60));
  EXPECT_EQ(ParseIsoDuration("PT5M"), seconds(300));
  EXPECT_EQ(ParseIsoDuration("PT12H"), seconds(43200));
  EXPECT_EQ(ParseIsoDuration("P1D"), seconds(86400));
  EXPECT_EQ(ParseIsoDuration("P1DT2H30M15S"), seconds(86400 + 9000 + 15));
  EXPECT_EQ(ParseIsoDuration("P1W"), seconds(7 * 86400));
  EXPECT_EQ(ParseIsoDuration("pt1h"), seconds(3600));
  EXPECT_EQ(ParseIsoDuration("PT1.9S"), seconds(1));  // Fractions are truncated.
}

TEST(Iso8601Duration, RejectsMalformedOrAmbiguousDurations) {
  for (const char* text : {"", "P", "PT", "1M", "PT1", "P1M", "P1Y", "PT-1M", "PT1H1H", "PT1M1H",
                           "P1DT", "PT1.5M", "PT0S", "PTM", "00:05:00", "PT1M "}) {
    EXPECT_FALSE(ParseIsoDuration(text).has_value()) << text;
  }
}

TEST(Iso8601Duration, FormatsCanonically) {
  EXPECT_EQ(FormatIsoDuration(seconds(60)), "PT1M");
  EXPECT_EQ(FormatIsoDuration(seconds(4 * 3600)), "PT4H");
  EXPECT_EQ(FormatIsoDuration(seconds(86400)), "P1D");
  EXPECT_EQ(FormatIsoDuration(seconds(86400 + 7200 + 90)), "P1DT2H1M30S");
}

TEST(Iso8601Timestamp, ParsesNetAndOffsetForms) {
  const auto base = ParseIsoTimestamp("2021-04-20T09:00:00Z");
  ASSERT_TRUE(base);
  EXPECT_EQ(FormatIsoTimestamp(*base), "2021-04-20T09:00:00Z");
  EXPECT_EQ(ParseIsoTimestamp("2021-04-20T09:00:00.0000000Z"), base);
  EXPECT_EQ(ParseIsoTimestamp("2021-04-20T09:00:00.999Z"), base);
  EXPECT_EQ(ParseIsoTimestamp("2021-04-20T11:00:00+02:00"), base);
  EXPECT_EQ(ParseIsoTimestamp("2021-04-20T09:00:00"), base);
}

TEST(Iso8601Timestamp, RejectsInvalidDates) {
  for (const char* text :
       {"2021-02-30T00:00:00Z", "2021-13-01T00:00:00Z", "2021-04-20T24:00:00Z", "2021-04-20",
        "20210420T090000Z", "2021-04-20T09:00:00Zjunk", "yesterday"}) {
    EXPECT_FALSE(ParseIsoTimestamp(text).has_value()) << text;
  }
}

TEST(Iso8601Timestamp, FormatsHttpAndEntraDates) {
  const auto time = *ParseIsoTimestamp("2016-01-09T02:02:12Z");
  EXPECT_EQ(FormatHttpDate(time), "Sat, 09 Jan 2016 02:02:12 GMT");
  EXPECT_EQ(FormatEntraTimestamp(time), "2016-01-09 02:02:12Z");
  EXPECT_EQ(FormatUsTimestamp(time), "1/9/2016 2:02:12 AM");
}

TEST(Timespan, AcceptsAllFourForms) {
  const TimePoint now = *ParseIsoTimestamp("2021-04-20T14:00:00Z");
  const TimePoint nine = *ParseIsoTimestamp("2021-04-20T09:00:00Z");
  auto range = ParseTimespan("2021-04-20T09:00:00.000Z/2021-04-20T14:00:00.000Z", now);
  EXPECT_EQ(range.start, nine);
  EXPECT_EQ(range.end, now);
  range = ParseTimespan("2021-04-20T09:00:00Z/PT5H", now);
  EXPECT_EQ(range.end, now);
  range = ParseTimespan("PT5H/2021-04-20T14:00:00Z", now);
  EXPECT_EQ(range.start, nine);
  range = ParseTimespan("PT5H", now);
  EXPECT_EQ(range.start, nine);
  EXPECT_EQ(range.end, now);
}

TEST(Timespan, RejectsInvertedOrGarbledIntervals) {
  const TimePoint now = *ParseIsoTimestamp("2021-04-20T14:00:00Z");
  for (const char* text :
       {"2021-04-20T14:00:00Z/2021-04-20T09:00:00Z", "2021-04-20T09:00:00Z/2021-04-20T09:00:00Z",
        "PT1H/PT2H", "garbage", "2021-04-20T09:00:00Z/", "/2021-04-20T09:00:00Z", ""}) {
    EXPECT_THROW(ParseTimespan(text, now), std::invalid_argument) << text;
  }
}

TEST(FloorTo, AlignsToGrainBoundaries) {
  const TimePoint t = *ParseIsoTimestamp("2021-04-20T09:07:31Z");
  EXPECT_EQ(FormatIsoTimestamp(FloorTo(t, seconds(300))), "2021-04-20T09:05:00Z");
  EXPECT_EQ(FormatIsoTimestamp(FloorTo(t, seconds(86400))), "2021-04-20T00:00:00Z");
}

}  // namespace
}  // namespace mensor::sim

#include "mensor/azure/value_selection.hpp"

#include <gtest/gtest.h>

#include "fixture_util.hpp"

namespace mensor::azure {
namespace {

using namespace std::chrono;

TimePoint At(int h, int mi) { return sys_days{year{2024} / 5 / 10} + hours{h} + minutes{mi}; }

DataPoint Point(TimePoint t, std::optional<double> average) {
  DataPoint p;
  p.timestamp = t;
  p.average = average;
  return p;
}

TEST(ValueSelectionTest, SkipsTheFillingBucket) {
  TimeSeries s;
  s.points = {Point(At(10, 0), 1.0), Point(At(10, 5), 2.0), Point(At(10, 10), 3.0)};
  // At 10:12 the 10:10 bucket is still filling; 10:05 is the newest complete one.
  const auto v = SelectValue(s, Aggregation::kAverage, minutes(5), At(10, 12));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, 2.0);
  EXPECT_EQ(v->bucket_start, At(10, 5));
  // Exactly at the end of a bucket, it counts as complete.
  EXPECT_EQ(SelectValue(s, Aggregation::kAverage, minutes(5), At(10, 15))->value, 3.0);
}

TEST(ValueSelectionTest, SkipsBucketsWithoutTheField) {
  TimeSeries s;
  s.points = {Point(At(10, 0), 4.0), Point(At(10, 5), std::nullopt),
              Point(At(10, 10), std::nullopt)};
  const auto v = SelectValue(s, Aggregation::kAverage, minutes(5), At(10, 30));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, 4.0);
  EXPECT_EQ(v->bucket_start, At(10, 0));
  EXPECT_FALSE(SelectValue(s, Aggregation::kTotal, minutes(5), At(10, 30)).has_value());
}

TEST(ValueSelectionTest, AllEmptySeriesYieldsNothing) {
  TimeSeries s;
  EXPECT_FALSE(SelectValue(s, Aggregation::kAverage, minutes(1), At(10, 0)).has_value());
  s.points = {Point(At(9, 0), std::nullopt), Point(At(9, 1), std::nullopt)};
  EXPECT_FALSE(SelectValue(s, Aggregation::kAverage, minutes(1), At(10, 0)).has_value());
}

TEST(ValueSelectionTest, UnsortedPointsAndZeroValues) {
  TimeSeries s;
  s.points = {Point(At(10, 10), 0.0), Point(At(10, 0), 9.0), Point(At(10, 5), 7.0)};
  const auto v = SelectValue(s, Aggregation::kAverage, minutes(5), At(10, 20));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, 0.0);  // a real zero is a value
  EXPECT_EQ(v->bucket_start, At(10, 10));
}

TEST(ValueSelectionTest, NoneAggregationIsZero) {
  TimeSeries s;
  s.points = {Point(At(10, 0), std::nullopt), Point(At(10, 5), std::nullopt)};
  const auto v = SelectValue(s, Aggregation::kNone, minutes(5), At(10, 7));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, 0.0);
  EXPECT_EQ(v->bucket_start, At(10, 0));
  EXPECT_FALSE(SelectValue(TimeSeries{}, Aggregation::kNone, minutes(5), At(10, 7)).has_value());
}

TEST(ValueSelectionTest, GetAggregateReadsEachField) {
  DataPoint p;
  p.average = 1;
  p.minimum = 2;
  p.maximum = 3;
  p.total = 4;
  p.count = 5;
  EXPECT_EQ(GetAggregate(p, Aggregation::kAverage), 1.0);
  EXPECT_EQ(GetAggregate(p, Aggregation::kMinimum), 2.0);
  EXPECT_EQ(GetAggregate(p, Aggregation::kMaximum), 3.0);
  EXPECT_EQ(GetAggregate(p, Aggregation::kTotal), 4.0);
  EXPECT_EQ(GetAggregate(p, Aggregation::kCount), 5.0);
  EXPECT_EQ(GetAggregate(DataPoint{}, Aggregation::kNone), 0.0);
  EXPECT_FALSE(GetAggregate(DataPoint{}, Aggregation::kCount).has_value());
}

TEST(ValueSelectionTest, BatchFixtureSparseSeries) {
  const auto r = ParseBatchResponse(testing::ReadFixture("metrics-batch-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  const TimeSeries& sparse = r->values[0].response.metrics[0].series[1];
  const TimePoint now = sys_days{year{2023} / 2 / 1} + hours{23} + minutes{5};
  // Only the 22:00 bucket carries data; the later empty buckets must not win (Promitor: NaN).
  const auto v = SelectValue(sparse, Aggregation::kAverage, minutes(15), now);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->bucket_start, sys_days{year{2023} / 2 / 1} + hours{22});
  EXPECT_FALSE(SelectValue(sparse, Aggregation::kCount, minutes(15), now).has_value());
}

TEST(ValueSelectionTest, DimensionLabelsMatchCaseInsensitively) {
  TimeSeries s;
  s.dimensions = {{"apiname", "GetBlob"}, {"authentication", "SAS"}};
  ASSERT_NE(FindDimensionValue(s, "ApiName"), nullptr);
  EXPECT_EQ(*FindDimensionValue(s, "ApiName"), "GetBlob");
  EXPECT_EQ(FindDimensionValue(s, "GeoType"), nullptr);
  const std::vector<std::string> requested = {"Authentication", "ApiName"};
  const auto labels = ExtractDimensionLabels(s, requested);
  ASSERT_TRUE(labels.has_value());
  EXPECT_EQ(*labels, (std::vector<std::pair<std::string, std::string>>{{"Authentication", "SAS"},
                                                                       {"ApiName", "GetBlob"}}));
  const std::vector<std::string> missing = {"ApiName", "GeoType"};
  EXPECT_FALSE(ExtractDimensionLabels(s, missing).has_value());
  EXPECT_TRUE(ExtractDimensionLabels(s, {})->empty());
}

}  // namespace
}  // namespace mensor::azure

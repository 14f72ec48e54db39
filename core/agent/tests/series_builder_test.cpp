#include "mensor/agent/series_builder.hpp"

#include <gtest/gtest.h>

namespace mensor::agent {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using TimePoint = std::chrono::system_clock::time_point;

// 12:34:30 on some day: mid-minute, so the bucket starting 12:34:00 is still filling.
const TimePoint kNow = TimePoint{} + std::chrono::hours(24 * 20000) + std::chrono::hours(12) +
                       minutes(34) + seconds(30);
const TimePoint kMinute = kNow - seconds(30);  // 12:34:00

ScrapeTarget QueueTarget() {
  ScrapeTarget target;
  target.metric_name = "demo_queue_size";
  target.description = "active messages";
  target.azure_metric_name = "ActiveMessages";
  target.aggregation = azure::Aggregation::kTotal;
  target.interval = seconds(60);
  target.dimensions = {"EntityName"};
  target.first_dimension_label = "entity_name";
  target.labels.resource_group = "rg";
  target.labels.subscription_id = "sub";
  target.labels.resource_uri = "subscriptions/sub/resourceGroups/rg/providers/x/ns";
  target.labels.instance_name = "ns";
  target.labels.metric_labels = {{"team", "payments"}};
  target.labels.default_labels = {{"env", "test"}};
  target.labels.tenant_id = "tenant";
  return target;
}

azure::DataPoint Point(TimePoint start, std::optional<double> total) {
  azure::DataPoint point;
  point.timestamp = start;
  point.total = total;
  return point;
}

azure::TimeSeries Series(std::string entity, std::vector<azure::DataPoint> points) {
  azure::TimeSeries series;
  // Azure lower-cases dimension names in answers.
  series.dimensions = {{"entityname", std::move(entity)}};
  series.points = std::move(points);
  return series;
}

TEST(SeriesBuilderTest, ValueIsNewestCompleteBucketAndFillingBucketIsSkipped) {
  azure::MetricResult metric;
  metric.series.push_back(
      Series("orders", {Point(kMinute - minutes(2), 1), Point(kMinute - minutes(1), 5),
                        Point(kMinute, 99)}));  // still filling
  const SeriesResult result = BuildSeries(QueueTarget(), metric, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  const MeasuredSample& sample = result.samples[0];
  EXPECT_TRUE(sample.has_value);
  EXPECT_DOUBLE_EQ(sample.value, 5);
  EXPECT_EQ(sample.name, "demo_queue_size");
  EXPECT_EQ(sample.description, "active messages");
  EXPECT_EQ(sample.timestamp_unix_ns,
            std::chrono::duration_cast<std::chrono::nanoseconds>(kNow.time_since_epoch()).count());
  EXPECT_TRUE(result.warnings.empty());
}

TEST(SeriesBuilderTest, BucketWithoutTheAggregationIsSkipped) {
  azure::MetricResult metric;
  metric.series.push_back(Series(
      "orders", {Point(kMinute - minutes(2), 3), Point(kMinute - minutes(1), std::nullopt)}));
  const SeriesResult result = BuildSeries(QueueTarget(), metric, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  EXPECT_TRUE(result.samples[0].has_value);
  EXPECT_DOUBLE_EQ(result.samples[0].value, 3);
}

TEST(SeriesBuilderTest, SeriesWithoutUsableBucketGivesSampleWithoutValue) {
  azure::MetricResult metric;
  metric.series.push_back(
      Series("orders", {Point(kMinute - minutes(1), std::nullopt), Point(kMinute, 7)}));
  metric.series.push_back(Series("invoices", {Point(kMinute - minutes(1), 2)}));
  const SeriesResult result = BuildSeries(QueueTarget(), metric, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 2u);
  EXPECT_FALSE(result.samples[0].has_value);
  EXPECT_TRUE(result.samples[1].has_value);
  EXPECT_DOUBLE_EQ(result.samples[1].value, 2);
}

TEST(SeriesBuilderTest, AnsweredIntervalDecidesCompleteness) {
  // With a five-minute grain the bucket starting four minutes ago is still filling.
  azure::MetricResult metric;
  metric.series.push_back(
      Series("orders", {Point(kMinute - minutes(9), 1), Point(kMinute - minutes(4), 2)}));
  const SeriesResult result = BuildSeries(QueueTarget(), metric, minutes(5), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  EXPECT_DOUBLE_EQ(result.samples[0].value, 1);
}

TEST(SeriesBuilderTest, NoSeriesGivesOneSampleWithUnknownDimensions) {
  ScrapeTarget target = QueueTarget();
  target.dimensions = {"EntityName", "OperationResult"};
  const SeriesResult result = BuildSeries(target, azure::MetricResult{}, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  EXPECT_FALSE(result.samples[0].has_value);
  const LabelList& labels = result.samples[0].labels;
  // The first dimension is renamed even when unknown, so the series keeps one label set.
  EXPECT_NE(std::find(labels.begin(), labels.end(),
                      std::pair<std::string, std::string>("entity_name", "unknown")),
            labels.end());
  EXPECT_NE(std::find(labels.begin(), labels.end(),
                      std::pair<std::string, std::string>("OperationResult", "unknown")),
            labels.end());
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("ActiveMessages"), std::string::npos);
}

TEST(SeriesBuilderTest, NoSeriesWithoutDimensionsHasOnlyTargetLabels) {
  ScrapeTarget target = QueueTarget();
  target.dimensions.clear();
  target.labels.scraper_labels = {{"entity_name", "demo_queue"}};
  const SeriesResult result = BuildSeries(target, azure::MetricResult{}, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  EXPECT_FALSE(result.samples[0].has_value);
  EXPECT_EQ(result.samples[0].labels.size(), 8u);  // 4 built-ins, entity, team, env, tenant
}

TEST(SeriesBuilderTest, FirstDimensionIsRenamedOthersKeepTheirName) {
  ScrapeTarget target = QueueTarget();
  target.dimensions = {"EntityName", "OperationResult"};
  azure::MetricResult metric;
  azure::TimeSeries series = Series("orders", {Point(kMinute - minutes(1), 4)});
  series.dimensions.emplace_back("operationresult", "Success");
  metric.series.push_back(series);
  const SeriesResult result = BuildSeries(target, metric, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  const LabelList& labels = result.samples[0].labels;
  ASSERT_GE(labels.size(), 6u);
  EXPECT_EQ(labels[4], (std::pair<std::string, std::string>("entity_name", "orders")));
  // Requested spelling, not Azure's lower-cased one.
  EXPECT_EQ(labels[5], (std::pair<std::string, std::string>("OperationResult", "Success")));
}

TEST(SeriesBuilderTest, WithoutFirstDimensionLabelDimensionKeepsRequestedName) {
  ScrapeTarget target = QueueTarget();
  target.first_dimension_label.clear();
  azure::MetricResult metric;
  metric.series.push_back(Series("orders", {Point(kMinute - minutes(1), 4)}));
  const LabelList labels = BuildSeries(target, metric, seconds(60), kNow).samples.at(0).labels;
  EXPECT_EQ(labels.at(4), (std::pair<std::string, std::string>("EntityName", "orders")));
}

TEST(SeriesBuilderTest, SeriesLackingRequestedDimensionIsDroppedWithWarning) {
  azure::MetricResult metric;
  azure::TimeSeries no_dimension;
  no_dimension.points = {Point(kMinute - minutes(1), 8)};
  metric.series.push_back(no_dimension);
  metric.series.push_back(Series("orders", {Point(kMinute - minutes(1), 4)}));
  const SeriesResult result = BuildSeries(QueueTarget(), metric, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  EXPECT_DOUBLE_EQ(result.samples[0].value, 4);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("lacks a requested dimension"), std::string::npos);
}

TEST(SeriesBuilderTest, LabelsAreComposedInPromitorOrder) {
  azure::MetricResult metric;
  metric.series.push_back(Series("orders", {Point(kMinute - minutes(1), 4)}));
  const SeriesResult result = BuildSeries(QueueTarget(), metric, seconds(60), kNow);
  ASSERT_EQ(result.samples.size(), 1u);
  EXPECT_EQ(result.samples[0].labels,
            (LabelList{{"resource_group", "rg"},
                       {"subscription_id", "sub"},
                       {"resource_uri", "subscriptions/sub/resourceGroups/rg/providers/x/ns"},
                       {"instance_name", "ns"},
                       {"entity_name", "orders"},
                       {"team", "payments"},
                       {"env", "test"},
                       {"tenant_id", "tenant"}}));
}

}  // namespace
}  // namespace mensor::agent

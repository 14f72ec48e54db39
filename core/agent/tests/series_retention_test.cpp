#include "mensor/agent/series_retention.hpp"

#include <gtest/gtest.h>

namespace mensor::agent {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const azure::TimePoint kNow = azure::TimePoint(seconds(1'800'000'000));

azure::TimeSeries Queue(const std::string& name, double total) {
  azure::TimeSeries series;
  series.dimensions = {{"entityname", name}};
  azure::DataPoint complete;
  complete.timestamp = kNow - minutes(2);
  complete.total = total;
  series.points = {complete};
  return series;
}

azure::MetricResult Answer(std::vector<azure::TimeSeries> series) {
  azure::MetricResult metric;
  metric.name = "ActiveMessages";
  metric.series = std::move(series);
  return metric;
}

std::vector<std::string> Queues(const azure::MetricResult& metric) {
  std::vector<std::string> out;
  for (const auto& series : metric.series) out.push_back(series.dimensions.front().second);
  return out;
}

const azure::MetricResult& Merge(SeriesRetention& retention, const azure::MetricResult& answer,
                                 azure::MetricResult& storage) {
  return retention.Merge("s", answer, azure::Aggregation::kTotal, seconds(60), kNow, storage);
}

TEST(SeriesRetention, VanishedDimensionValueStaysUntilMissingForTheConfiguredCycles) {
  SeriesRetention retention(2);
  azure::MetricResult storage;
  const auto first = Answer({Queue("a", 1), Queue("b", 2)});
  EXPECT_EQ(&Merge(retention, first, storage), &first) << "nothing kept: no copy";
  // b missing once: still there, with its last complete bucket.
  const auto second_answer = Answer({Queue("a", 3)});
  const auto& second = Merge(retention, second_answer, storage);
  ASSERT_EQ(Queues(second), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(second.series[1].points.at(0).total, 2);
  EXPECT_EQ(second.series[1].points.at(0).timestamp, kNow - minutes(2));
  // b missing twice: gone.
  const auto third_answer = Answer({Queue("a", 4)});
  EXPECT_EQ(Queues(Merge(retention, third_answer, storage)), (std::vector<std::string>{"a"}));
}

TEST(SeriesRetention, ReappearingValueResetsItsCount) {
  SeriesRetention retention(2);
  azure::MetricResult storage;
  Merge(retention, Answer({Queue("a", 1), Queue("b", 2)}), storage);
  Merge(retention, Answer({Queue("a", 1)}), storage);
  Merge(retention, Answer({Queue("a", 1), Queue("b", 5)}), storage);
  const auto answer = Answer({Queue("a", 1)});
  EXPECT_EQ(Queues(Merge(retention, answer, storage)), (std::vector<std::string>{"a", "b"}));
}

TEST(SeriesRetention, OneCycleDropsAtOnce) {
  SeriesRetention retention(1);
  azure::MetricResult storage;
  Merge(retention, Answer({Queue("a", 1), Queue("b", 2)}), storage);
  const auto answer = Answer({Queue("a", 1)});
  EXPECT_EQ(Queues(Merge(retention, answer, storage)), (std::vector<std::string>{"a"}));
}

TEST(SeriesRetention, ScopeIsDroppedAfterFailingTheConfiguredCyclesInARow) {
  SeriesRetention retention(2);
  azure::MetricResult storage;
  EXPECT_FALSE(retention.Failed("s"));
  Merge(retention, Answer({Queue("a", 1)}), storage);  // a success resets the count
  EXPECT_FALSE(retention.Failed("s"));
  EXPECT_TRUE(retention.Failed("s"));
}

}  // namespace
}  // namespace mensor::agent

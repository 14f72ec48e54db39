#include "mensor/agent/series_retention.hpp"

#include <gtest/gtest.h>

#include <map>

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

// Only the values are kept per series; the names are the scope's, and a vanished series comes
// back with all of its dimensions, in the answer's spelling, and its last complete bucket.
TEST(SeriesRetention, VanishedSeriesKeepAllTheirDimensions) {
  SeriesRetention retention(2);
  azure::MetricResult storage;
  auto two = [](const std::string& queue, const std::string& tier, double total) {
    azure::TimeSeries series = Queue(queue, total);
    series.dimensions = {{"EntityName", queue}, {"Tier", tier}};
    return series;
  };
  Merge(retention, Answer({two("a", "hot", 1), two("b", "", 2), two("c", "cold", 3)}), storage);
  const azure::MetricResult& merged = Merge(retention, Answer({two("a", "hot", 4)}), storage);
  ASSERT_EQ(merged.series.size(), 3u);
  std::map<std::string, const azure::TimeSeries*> by_queue;  // carried ones come in any order
  for (const auto& series : merged.series) by_queue[series.dimensions.at(0).second] = &series;
  ASSERT_EQ(by_queue.size(), 3u);
  const std::vector<std::pair<std::string, std::string>> b = {{"EntityName", "b"}, {"Tier", ""}};
  EXPECT_EQ(by_queue["b"]->dimensions, b);  // an empty value survives the round trip
  EXPECT_EQ(by_queue["c"]->dimensions.back().second, "cold");
  EXPECT_EQ(by_queue["c"]->points.at(0).total, 3.0);
}

// Other dimension names (another filter) are other series: nothing of the old ones is carried.
TEST(SeriesRetention, OtherDimensionNamesStartAfresh) {
  SeriesRetention retention(3);
  azure::MetricResult storage;
  Merge(retention, Answer({Queue("a", 1), Queue("b", 2)}), storage);
  azure::TimeSeries by_topic = Queue("t", 5);
  by_topic.dimensions = {{"topicname", "t"}};
  const azure::MetricResult answer = Answer({by_topic});
  EXPECT_EQ(&Merge(retention, answer, storage), &answer);
  // The spelling of a name may change without making other series.
  azure::TimeSeries upper = by_topic;
  upper.dimensions = {{"TopicName", "t"}};
  EXPECT_EQ(Queues(Merge(retention, Answer({upper}), storage)), (std::vector<std::string>{"t"}));
}

}  // namespace
}  // namespace mensor::agent

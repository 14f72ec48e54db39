// SeriesClock: a batch carries only what a remote-write receiver can still append.
#include "series_clock.hpp"

#include <gtest/gtest.h>

namespace mensor::remote_write {
namespace {

Series Make(std::string name, std::string queue, int64_t ms, double value = 1) {
  Series s;
  s.labels = {{"__name__", std::move(name)}, {"entity_name", std::move(queue)}};
  s.value = value;
  s.timestamp_ms = ms;
  return s;
}

std::vector<int64_t> Stamps(const std::vector<Series>& series) {
  std::vector<int64_t> out;
  for (const Series& s : series) out.push_back(s.timestamp_ms);
  return out;
}

TEST(SeriesClockTest, DropsRepeatsAndOlderSamplesOfTheSameSeriesOnly) {
  SeriesClock clock;
  std::vector<Series> first = {Make("q", "a", 60'000), Make("q", "b", 60'000)};
  EXPECT_EQ(clock.Filter(first), 0u);
  clock.Commit();

  // The same bucket read again with a revised value, an older one, and a new series.
  std::vector<Series> second = {Make("q", "a", 60'000, 7), Make("q", "b", 30'000),
                                Make("q", "c", 60'000), Make("other", "a", 60'000)};
  EXPECT_EQ(clock.Filter(second), 2u);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].labels[1].second, "c");
  EXPECT_EQ(second[1].labels[0].second, "other");
  clock.Commit();

  std::vector<Series> third = {Make("q", "a", 120'000), Make("q", "b", 60'001)};
  EXPECT_EQ(clock.Filter(third), 0u);
  EXPECT_EQ(Stamps(third), (std::vector<int64_t>{120'000, 60'001}));
}

TEST(SeriesClockTest, AFailedWriteIsNotRememberedSoItIsSentAgain) {
  SeriesClock clock;
  std::vector<Series> batch = {Make("q", "a", 60'000)};
  EXPECT_EQ(clock.Filter(batch), 0u);  // no Commit: the receiver refused it
  std::vector<Series> again = {Make("q", "a", 60'000)};
  EXPECT_EQ(clock.Filter(again), 0u);
  EXPECT_EQ(again.size(), 1u);
}

TEST(SeriesClockTest, OneSeriesTwiceInABatchIsSentOnce) {
  SeriesClock clock;
  std::vector<Series> batch = {Make("q", "a", 60'000, 1), Make("q", "a", 60'000, 2)};
  EXPECT_EQ(clock.Filter(batch), 1u);
  EXPECT_EQ(batch.front().value, 1);
}

TEST(SeriesClockTest, LabelBoundariesAreDistinct) {
  Series left, right;
  left.labels = {{"__name__", "q"}, {"ab", "c"}};
  right.labels = {{"__name__", "q"}, {"a", "bc"}};
  EXPECT_NE(SeriesKey(left), SeriesKey(right));
}

TEST(SeriesClockTest, SeriesNotWrittenForHoursAreForgotten) {
  SeriesClock clock;
  for (int i = 0; i < 1100; ++i) {
    std::vector<Series> batch = {Make("old", std::to_string(i), 1'000)};
    clock.Filter(batch);
    clock.Commit();
  }
  constexpr int64_t kDay = 24 * 3600 * 1000;
  for (int i = 0; i < 2100; ++i) {
    std::vector<Series> batch = {Make("new", std::to_string(i), kDay)};
    clock.Filter(batch);
    clock.Commit();
  }
  EXPECT_EQ(clock.size(), 2100u);  // the 1,100 "old" series went once the map had grown
  std::vector<Series> recent = {Make("new", "5", kDay)};
  EXPECT_EQ(clock.Filter(recent), 1u);  // recent ones are still known
}

}  // namespace
}  // namespace mensor::remote_write

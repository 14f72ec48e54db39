#include "mensor/azure/time_window.hpp"

#include <gtest/gtest.h>

namespace mensor::azure {
namespace {

using namespace std::chrono;

TimePoint Utc(int h, int mi, int s = 0) {
  return sys_days{year{2024} / 5 / 10} + hours{h} + minutes{mi} + seconds{s};
}

TEST(TimeWindowTest, DefaultIsThreeGrainsBeforeTheCurrentBucket) {
  const TimePoint now = Utc(10, 7, 42) + milliseconds(5);
  const TimeWindow w = ComputeTimeWindow(now, minutes(5));
  EXPECT_EQ(w.end, now);
  EXPECT_EQ(w.start, Utc(9, 50));  // floor(10:07:42, 5m) = 10:05, minus 15 minutes
}

TEST(TimeWindowTest, GrainCountIsAParameter) {
  const TimePoint now = Utc(10, 7);
  EXPECT_EQ(ComputeTimeWindow(now, minutes(1), 10).start, Utc(9, 57));
  EXPECT_EQ(ComputeTimeWindow(now, minutes(1), 0).start, Utc(10, 6));  // clamped to 1
}

TEST(TimeWindowTest, AlignedNowAndLargeGrains) {
  EXPECT_EQ(ComputeTimeWindow(Utc(10, 0), hours(1)).start, Utc(7, 0));
  const TimeWindow day = ComputeTimeWindow(Utc(10, 0), days(1), 2);
  EXPECT_EQ(day.start, sys_days{year{2024} / 5 / 8});
}

TEST(TimeWindowTest, NonPositiveIntervalFallsBackToOneMinute) {
  EXPECT_EQ(ComputeTimeWindow(Utc(10, 7, 30), seconds(0)).start, Utc(10, 4));
}

TEST(TimeWindowTest, WindowsAreIdenticalWithinOneGrain) {
  EXPECT_EQ(ComputeTimeWindow(Utc(10, 5, 1), minutes(5)).start,
            ComputeTimeWindow(Utc(10, 9, 59), minutes(5)).start);
}

}  // namespace
}  // namespace mensor::azure

#include "mensor/azure/time_window.hpp"

namespace mensor::azure {

TimeWindow ComputeTimeWindow(TimePoint now, std::chrono::seconds interval, int grains) {
  using namespace std::chrono;
  if (interval.count() <= 0) interval = minutes(1);
  if (grains < 1) grains = 1;
  // floor() rounds toward negative infinity, so pre-epoch times are handled too.
  const auto since_epoch = floor<seconds>(now.time_since_epoch());
  auto bucket = since_epoch.count() / interval.count();
  if (since_epoch.count() % interval.count() < 0) --bucket;
  const TimePoint floored{
      duration_cast<system_clock::duration>(seconds(bucket * interval.count()))};
  return TimeWindow{floored - grains * duration_cast<system_clock::duration>(interval), now};
}

}  // namespace mensor::azure

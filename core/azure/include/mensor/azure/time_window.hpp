#pragma once

#include <chrono>

#include "mensor/azure/iso8601.hpp"

namespace mensor::azure {

// Grains of history asked for by default. Why 3: the newest bucket is still filling and the one
// before it may still be missing late-ingested samples (platform metrics land 1-3 minutes after
// the fact), so at least two complete buckets must be in the answer; one more is margin for a
// late scrape. Promitor asks for 12 hours, i.e. 720 points per series at PT1M, to use one.
inline constexpr int kDefaultWindowGrains = 3;

struct TimeWindow {
  TimePoint start;
  TimePoint end;
};

// end = now; start = floor(now, interval) - grains * interval. Flooring to the grain boundary
// (grains align to the Unix epoch, i.e. UTC midnight, for every grain up to P1D) makes the
// window identical for all resources scraped in the same grain, so requests can be merged into
// one getBatch call and compared in tests. An interval <= 0 is treated as PT1M; grains < 1 as 1.
TimeWindow ComputeTimeWindow(TimePoint now, std::chrono::seconds interval,
                             int grains = kDefaultWindowGrains);

}  // namespace mensor::azure

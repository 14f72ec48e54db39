// What a remote-write receiver already holds, per series: it can only append, so a sample at or
// before the series' last accepted timestamp is refused with HTTP 400, and the whole request
// with it.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "write_request.hpp"

namespace mensor::remote_write {

/// Remembers the newest timestamp sent for every series, so a batch carries only samples the
/// receiver can append. Azure revises a bucket's value when late data arrives, and a schedule
/// shorter than the aggregation interval reads the same bucket twice: without this filter either
/// case turns the target's whole batch into a 400.
///
/// Not thread-safe: one per sink instance, used from its write() calls (T2).
class SeriesClock {
 public:
  /// Keeps in `series` only the samples newer than what was sent for their series, and returns
  /// how many it removed. The survivors are remembered by Commit() once the receiver accepted
  /// them.
  size_t Filter(std::vector<Series>& series);
  /// Records the samples Filter() kept as delivered.
  void Commit();

  size_t size() const { return last_ms_.size(); }

 private:
  // Series that were not written for this long are forgotten (bounded memory under churn).
  static constexpr int64_t kForgetAfterMs = 6 * 3600 * 1000;

  void Forget(int64_t newest_ms);

  std::unordered_map<uint64_t, int64_t> last_ms_;  // series key -> newest timestamp sent
  std::vector<std::pair<uint64_t, int64_t>> pending_;  // kept by the last Filter()
  std::unordered_set<uint64_t> batch_keys_;
  int64_t newest_ms_ = 0;
  size_t size_at_last_forget_ = 0;
};

/// A 64-bit key of the series' labels (which include __name__).
uint64_t SeriesKey(const Series& series);

}  // namespace mensor::remote_write

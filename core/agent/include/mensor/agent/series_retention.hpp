#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mensor/azure/aggregation.hpp"
#include "mensor/azure/metrics_response.hpp"

namespace mensor::agent {

/// Decides when series that stopped appearing are dropped (Promitor keeps them for ever,
/// promitor#1923). A dimension value missing from an answer keeps its last complete bucket until
/// it has been missing `cycles` scrapes in a row; a resource Azure says is gone (404) `cycles`
/// times in a row loses all its series (a deleted resource answers 404 for ever). cycles = 1
/// drops at once.
///
/// Works on Azure's answer before series are built, keeping per series only its dimension values
/// and last value (not the labelled sample), so holding 100,000 series costs little.
/// Thread-safe.
class SeriesRetention {
 public:
  explicit SeriesRetention(int cycles) : cycles_(cycles < 1 ? 1 : cycles) {}

  /// `metric` as answered for `scope`, plus a one-bucket series for each dimension combination
  /// it lacks that is not yet due to go. Returns `metric` itself when nothing is added, else
  /// `storage` filled with the merged copy.
  const azure::MetricResult& Merge(const std::string& scope, const azure::MetricResult& metric,
                                   azure::Aggregation aggregation, std::chrono::seconds interval,
                                   azure::TimePoint now, azure::MetricResult& storage);
  /// A failed scrape of `scope`; true when its series should now be dropped.
  bool Failed(const std::string& scope);

 private:
  // 32 bytes a series (plus its key, the dimension values): holding 100,000 costs ~10 MB.
  struct Kept {
    int64_t bucket_start = 0;  // seconds since the epoch; 0 without a value
    double value = 0;
    bool has_value = false;
    int missing = 0;  // consecutive answers without this series
    uint64_t seen = 0;  // the Scope::generation of the last answer that held it
  };
  struct Scope {
    std::vector<std::string> names;  // the dimension names, as the latest answer spelt them
    std::unordered_map<std::string, Kept> series;  // by dimension values (joined)
    int failures = 0;
    uint64_t generation = 0;  // answers merged so far
  };

  int cycles_;
  std::mutex mutex_;
  std::unordered_map<std::string, Scope> scopes_;
  std::string key_;  // scratch for series keys, guarded by mutex_
  // scopes_.size(), readable without the lock: while nothing is tracked (no dimensions, no
  // failures) an answer without dimensions needs neither the lock nor a lookup. Every target of
  // every cycle passes here, from all workers.
  std::atomic<size_t> tracked_{0};
};

}  // namespace mensor::agent

// The per-subscription ARM read budget behind x-ms-ratelimit-remaining-subscription-reads: a
// token bucket holding `capacity` reads that refills the whole capacity over an hour, like the
// classic 12,000 reads/hour limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "http_types.hpp"

namespace mensor::sim {

struct ReadDecision {
  bool allowed;
  int64_t remaining;                 // After this read.
  std::chrono::seconds retry_after;  // When refused.
};

class ReadBudget {
 public:
  explicit ReadBudget(int64_t capacity) : capacity_(capacity) {}

  ReadDecision Consume(const std::string& subscription, TimePoint now);
  void Reset() { buckets_.clear(); }
  int64_t capacity() const { return capacity_; }

 private:
  struct Bucket {
    double tokens;
    TimePoint updated;
  };

  int64_t capacity_;
  std::map<std::string, Bucket> buckets_;  // Keyed by lower-cased subscription id.
};

}  // namespace mensor::sim

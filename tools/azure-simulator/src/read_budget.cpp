#include "read_budget.hpp"

#include <algorithm>
#include <cmath>

namespace mensor::sim {

ReadDecision ReadBudget::Consume(const std::string& subscription, TimePoint now) {
  const auto capacity = static_cast<double>(capacity_);
  Bucket& bucket = buckets_.try_emplace(ToLower(subscription), Bucket{capacity, now}).first->second;
  if (now > bucket.updated) {
    const double elapsed = static_cast<double>((now - bucket.updated).count());
    // Multiply before dividing so whole refill periods land on exact token counts.
    bucket.tokens = std::min(capacity, bucket.tokens + elapsed * capacity / 3600.0);
    bucket.updated = now;
  }
  if (bucket.tokens < 1.0) {
    const double wait = std::ceil((1.0 - bucket.tokens) * 3600.0 / capacity);
    return {false, 0, std::chrono::seconds(std::max<int64_t>(1, static_cast<int64_t>(wait)))};
  }
  bucket.tokens -= 1.0;
  return {true, static_cast<int64_t>(std::floor(bucket.tokens)), std::chrono::seconds(0)};
}

}  // namespace mensor::sim

#include "graph_quota.hpp"

#include <algorithm>
#include <cstdio>

namespace mensor::sim {

QuotaDecision GraphQuota::Consume(const std::string& caller, TimePoint now) {
  Window& window = windows_[caller];
  if (window.used == 0 || now >= window.started + window_) window = Window{now, 0};
  const auto resets_after =
      std::max(std::chrono::seconds(0),
               std::chrono::duration_cast<std::chrono::seconds>(window.started + window_ - now));
  if (window.used >= limit_) return {false, 0, resets_after};
  ++window.used;
  return {true, limit_ - window.used, resets_after};
}

std::string FormatQuotaDuration(std::chrono::seconds duration) {
  const long long total = std::max<long long>(0, duration.count());
  char text[32];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                total % 60);
  return text;
}

}  // namespace mensor::sim

// Resource Graph's per-user quota: by default 15 queries in a 5-second window, told to clients in
// x-ms-user-quota-remaining and x-ms-user-quota-resets-after (hh:mm:ss) on every answer; beyond
// it, 429 until the window resets (guidance-for-throttled-requests).
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "http_types.hpp"

namespace mensor::sim {

struct QuotaDecision {
  bool allowed;
  int remaining;                      // After this query.
  std::chrono::seconds resets_after;  // Until the window starts afresh.
};

class GraphQuota {
 public:
  explicit GraphQuota(int limit = 15, std::chrono::seconds window = std::chrono::seconds(5))
      : limit_(limit), window_(window) {}

  QuotaDecision Consume(const std::string& caller, TimePoint now);
  void Reset() { windows_.clear(); }

 private:
  struct Window {
    TimePoint started;
    int used = 0;
  };

  int limit_;
  std::chrono::seconds window_;
  std::map<std::string, Window> windows_;
};

// "00:00:05".
std::string FormatQuotaDuration(std::chrono::seconds duration);

}  // namespace mensor::sim

#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "mensor/agent/sample_writer.hpp"
#include "mensor/agent/scrape_target.hpp"

namespace mensor::agent {

/// Mensor's own metrics under Promitor's names, so existing dashboards and alerts keep working:
/// promitor_scrape_success / promitor_scrape_error per (metric, resource), and
/// promitor_ratelimit_arm / promitor_ratelimit_arm_throttled per subscription.
///
/// Thread-safe (writes go straight to the SampleWriter).
class SelfMetrics {
 public:
  SelfMetrics(SampleWriter& writer, std::string tenant_id, std::string app_id);

  void RecordScrape(const ScrapeTarget& target, bool success, int64_t now_unix_ns);
  /// remaining < 0: the response carried no x-ms-ratelimit-remaining-subscription-reads header.
  void RecordArmResponse(const std::string& subscription_id, int64_t remaining, bool throttled,
                         int64_t now_unix_ns);

 private:
  SampleWriter& writer_;
  std::string tenant_id_;
  std::string app_id_;
  struct ArmState {
    // Last known remaining reads: throttled answers may lack the header, and the gauge should
    // not vanish then.
    int64_t remaining = -1;
    // Timestamp of the last write: the next one is strictly later, so a receiver that only
    // appends (remote write) never sees the series go back in time or repeat a millisecond.
    int64_t last_unix_ns = 0;
  };
  // Held across the write as well: ARM answers finish on several threads at once, and their
  // samples must reach the sink queues in timestamp order.
  std::mutex mutex_;
  std::map<std::string, ArmState, std::less<>> arm_;
};

}  // namespace mensor::agent

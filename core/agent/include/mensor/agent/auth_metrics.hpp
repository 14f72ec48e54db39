#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "mensor/agent/sample_writer.hpp"
#include "mensor/agent/token_cache.hpp"

namespace mensor::agent {

/// The auth mode's self-metrics, labelled auth_mode and app_id like Promitor's rate-limit gauges:
///   promitor_auth_token_acquisitions_total{outcome="success"|"failure"}  counter
///   promitor_auth_token_expiry_seconds{scope}  seconds until the cached token expires (gauge)
///
/// Thread-safe.
class AuthMetrics {
 public:
  AuthMetrics(SampleWriter& writer, std::string auth_mode, std::string app_id);

  /// A TokenCache observer: counts the outcome and refreshes the expiry gauge.
  void RecordFetch(const std::string& scope, bool success,
                   std::chrono::system_clock::time_point expires);
  /// Rewrites the expiry gauges for `expiries` as of `now` (called periodically).
  void ReportExpiries(const std::map<std::string, std::chrono::system_clock::time_point>& expiries,
                      std::chrono::system_clock::time_point now);

 private:
  void WriteCounts(int64_t now_ns);

  SampleWriter& writer_;
  std::string auth_mode_;
  std::string app_id_;
  std::mutex mutex_;
  int64_t successes_ = 0;
  int64_t failures_ = 0;
};

}  // namespace mensor::agent

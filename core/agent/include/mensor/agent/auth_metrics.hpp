#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "mensor/agent/sample_writer.hpp"

namespace mensor::agent {

/// The auth mode's self-metrics, labelled auth_mode and app_id like Promitor's rate-limit gauges:
///   promitor_auth_token_acquisitions_total{outcome="success"|"failure"}  counter
///   promitor_auth_token_expiry_seconds{scope}  seconds until the cached token expires (gauge)
///
/// Thread-safe.
class AuthMetrics {
 public:
  using Expiries = std::function<std::map<std::string, std::chrono::system_clock::time_point>()>;
  static constexpr char kExpiryScope[] = "mensor/self/auth/expiry";

  /// `expiries` reads the cached tokens' expiries (TokenCache::Expiries).
  AuthMetrics(SampleWriter& writer, std::string auth_mode, std::string app_id, Expiries expiries);

  /// A TokenCache observer: counts the outcome and, after a success, rewrites the expiry gauges.
  void RecordFetch(bool success);
  /// The expiry gauges as of `now_unix_ns` (also written periodically with the process metrics).
  std::vector<MeasuredSample> ExpirySamples(int64_t now_unix_ns) const;

 private:
  SampleWriter& writer_;
  std::string auth_mode_;
  std::string app_id_;
  Expiries expiries_;
  std::mutex mutex_;
  int64_t successes_ = 0;
  int64_t failures_ = 0;
};

}  // namespace mensor::agent

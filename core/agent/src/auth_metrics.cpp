#include "mensor/agent/auth_metrics.hpp"

#include <vector>

namespace mensor::agent {
namespace {

int64_t UnixNs(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

}  // namespace

AuthMetrics::AuthMetrics(SampleWriter& writer, std::string auth_mode, std::string app_id)
    : writer_(writer), auth_mode_(std::move(auth_mode)), app_id_(std::move(app_id)) {}

void AuthMetrics::RecordFetch(const std::string& scope, bool success,
                              std::chrono::system_clock::time_point expires) {
  const auto now = std::chrono::system_clock::now();
  {
    std::lock_guard lock(mutex_);
    ++(success ? successes_ : failures_);
  }
  WriteCounts(UnixNs(now));
  if (success) ReportExpiries({{scope, expires}}, now);
}

void AuthMetrics::WriteCounts(int64_t now_ns) {
  int64_t successes = 0;
  int64_t failures = 0;
  {
    std::lock_guard lock(mutex_);
    successes = successes_;
    failures = failures_;
  }
  auto sample = [&](const char* outcome, int64_t count) {
    MeasuredSample out{"promitor_auth_token_acquisitions_total",
                       "Access tokens requested from the authentication mode, by outcome",
                       true,
                       static_cast<double>(count),
                       now_ns,
                       {{"auth_mode", auth_mode_}, {"app_id", app_id_}, {"outcome", outcome}}};
    out.counter = true;
    return out;
  };
  writer_.Write("mensor/self/auth/acquisitions",
                {sample("success", successes), sample("failure", failures)});
}

void AuthMetrics::ReportExpiries(
    const std::map<std::string, std::chrono::system_clock::time_point>& expiries,
    std::chrono::system_clock::time_point now) {
  for (const auto& [scope, expires] : expiries) {
    const double seconds = std::chrono::duration<double>(expires - now).count();
    // One write scope per token scope, so a second scope does not replace the first's gauge.
    writer_.Write(
        "mensor/self/auth/expiry/" + scope,
        {MeasuredSample{"promitor_auth_token_expiry_seconds",
                        "Seconds until the cached access token expires (negative once "
                        "expired); renewal starts 5 minutes or half a lifetime ahead",
                        true,
                        seconds,
                        UnixNs(now),
                        {{"auth_mode", auth_mode_}, {"app_id", app_id_}, {"scope", scope}}}});
  }
}

}  // namespace mensor::agent

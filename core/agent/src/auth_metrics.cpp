#include "mensor/agent/auth_metrics.hpp"

namespace mensor::agent {
namespace {

int64_t NowUnixNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

AuthMetrics::AuthMetrics(SampleWriter& writer, std::string auth_mode, std::string app_id,
                         Expiries expiries)
    : writer_(writer),
      auth_mode_(std::move(auth_mode)),
      app_id_(std::move(app_id)),
      expiries_(std::move(expiries)) {}

void AuthMetrics::RecordFetch(bool success) {
  int64_t successes = 0;
  int64_t failures = 0;
  {
    std::lock_guard lock(mutex_);
    ++(success ? successes_ : failures_);
    successes = successes_;
    failures = failures_;
  }
  const int64_t now_ns = NowUnixNs();
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
  if (success) writer_.Write(kExpiryScope, ExpirySamples(now_ns));
}

std::vector<MeasuredSample> AuthMetrics::ExpirySamples(int64_t now_unix_ns) const {
  std::vector<MeasuredSample> samples;
  const auto now = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(now_unix_ns)));
  for (const auto& [scope, expires] : expiries_()) {
    samples.push_back({"promitor_auth_token_expiry_seconds",
                       "Seconds until the cached access token expires (negative once expired); "
                       "renewal starts 5 minutes or half a lifetime ahead",
                       true,
                       std::chrono::duration<double>(expires - now).count(),
                       now_unix_ns,
                       {{"auth_mode", auth_mode_}, {"app_id", app_id_}, {"scope", scope}}});
  }
  return samples;
}

}  // namespace mensor::agent

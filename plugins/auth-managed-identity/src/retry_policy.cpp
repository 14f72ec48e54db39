#include "retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mensor::managed_identity {

std::chrono::nanoseconds BackoffDelay(const RetryPolicy& policy, int retry, double random01) {
  if (retry < 1) return std::chrono::nanoseconds{0};
  const double base_ns = std::chrono::duration<double, std::nano>(policy.initial_delay).count();
  const double cap_ns = std::chrono::duration<double, std::nano>(policy.max_delay).count();
  double delay_ns = std::min(base_ns * std::pow(policy.multiplier, retry - 1), cap_ns);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  delay_ns *= 1.0 - jitter + 2.0 * jitter * std::clamp(random01, 0.0, 1.0);
  return std::chrono::nanoseconds{static_cast<int64_t>(std::max(delay_ns, 0.0))};
}

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size() || seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds{seconds};
}

}  // namespace mensor::managed_identity

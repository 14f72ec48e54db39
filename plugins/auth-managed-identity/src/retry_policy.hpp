// Exponential back-off with jitter for retrying managed-identity endpoints.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace mensor::managed_identity {

/// \brief How often and how long to wait between token attempts. IMDS answers 404/410 while it
/// is updating and 429 when throttling; its guidance ("wait and retry") is applied for the user.
/// Value type.
struct RetryPolicy {
  // Microsoft's IMDS guidance: about 0, 2, 6, 14 and 30 s after the first try.
  int max_attempts = 5;
  std::chrono::milliseconds initial_delay{2000};
  std::chrono::milliseconds max_delay{16000};
  double multiplier = 2.0;
  double jitter = 0.25;  // each delay is scaled by a random factor in [1 - jitter, 1 + jitter]
};

/// \brief Delay before retry number `retry` (1 = first retry). `random01` in [0, 1) picks the
/// jitter, so tests can pin it. Never negative, never above max_delay * (1 + jitter).
std::chrono::nanoseconds BackoffDelay(const RetryPolicy& policy, int retry, double random01);

/// \brief Parses a Retry-After header given in delta-seconds (the HTTP-date form is not used
/// by IMDS and is ignored).
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value);

}  // namespace mensor::managed_identity

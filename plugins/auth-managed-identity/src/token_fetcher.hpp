// One token acquisition against a managed-identity endpoint, retries included.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "retry_policy.hpp"
#include "token_request.hpp"
#include "token_response.hpp"

namespace mensor::managed_identity {

/// \brief What a fetch needs from its surroundings: the plugin glue implements it on top of the
/// host (HttpSend, clocks, the call's deadline); unit tests script it.
class FetchContext {
 public:
  struct Response {
    int status = 0;
    std::string body;
    std::optional<std::string> retry_after;
    std::optional<std::string> www_authenticate;  // Azure Arc's challenge
  };

  virtual ~FetchContext() = default;
  /// Throws sdk::Error on transport failure (UNAVAILABLE is retried, other codes are not).
  virtual Response Send(const TokenRequest& request) = 0;
  virtual int64_t NowUnixNs() = 0;
  virtual int64_t NowMonoNs() = 0;
  /// Monotonic deadline of the call, 0 = none.
  virtual int64_t DeadlineMonoNs() = 0;
  virtual bool Cancelled() = 0;
  /// Waits (or pretends to); may return early when the call is cancelled.
  virtual void Sleep(std::chrono::nanoseconds duration) = 0;
  /// Uniform in [0, 1), for back-off jitter.
  virtual double Random01() = 0;
  /// Debug-level progress notes (never contain the token or the identity header).
  virtual void Note(std::string_view message) = 0;
  /// Where Azure Arc may put its challenge key files; a realm elsewhere is refused.
  virtual std::string ArcKeyDirectory() { return "/var/opt/azcmagent/tokens"; }
};

/// \brief The secret of an Azure Arc challenge `WWW-Authenticate: Basic realm=<path>`, read
/// after the checks MSAL makes: the file lies directly in `allowed_directory`, ends in ".key"
/// and holds at most 4096 bytes. Throws sdk::Error(UNAUTHENTICATED) naming the problem (never
/// the key).
std::string ReadArcChallengeKey(std::string_view www_authenticate,
                                const std::string& allowed_directory);

/// \brief Sends `request`, retrying retryable statuses and transport failures with back-off
/// while the call's deadline allows. Throws sdk::Error (UNAUTHENTICATED, THROTTLED,
/// UNAVAILABLE, TIMEOUT or CANCELLED) with a message naming the endpoint kind and the
/// endpoint's error, never the token.
AccessToken FetchToken(FetchContext& context, const TokenRequest& request,
                       const RetryPolicy& policy);

}  // namespace mensor::managed_identity

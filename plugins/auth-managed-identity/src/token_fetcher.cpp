#include "token_fetcher.hpp"

#include <mensor/sdk/error.hpp>

#include <algorithm>
#include <cstdio>

namespace mensor::managed_identity {
namespace {

std::string AttemptsSuffix(int attempts) {
  return attempts > 1 ? " (after " + std::to_string(attempts) + " attempts)" : std::string();
}

std::string FormatSeconds(std::chrono::nanoseconds delay) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f s", std::chrono::duration<double>(delay).count());
  return buffer;
}

}  // namespace

AccessToken FetchToken(FetchContext& context, const TokenRequest& request,
                       const RetryPolicy& policy) {
  const std::string where(EndpointKindName(request.kind));
  const int max_attempts = std::max(policy.max_attempts, 1);
  for (int attempt = 1;; ++attempt) {
    if (context.Cancelled()) throw sdk::Error(MENSOR_E_CANCELLED, where + " request cancelled");

    mensor_status failure_code = MENSOR_OK;
    std::string failure;
    std::chrono::nanoseconds server_delay{0};
    FetchContext::Response response;
    try {
      response = context.Send(request);
    } catch (const sdk::Error& error) {
      if (error.code() != MENSOR_E_UNAVAILABLE) throw;
      failure_code = error.code();
      failure = where + " request failed: " + error.what();
    }
    if (failure_code == MENSOR_OK) {
      if (response.status == 200) {
        return ParseTokenResponse(request.kind, response.body, context.NowUnixNs());
      }
      failure_code = ClassifyStatus(response.status);
      failure = DescribeErrorResponse(request.kind, response.status, response.body);
      if (!IsRetryableStatus(request.kind, response.status)) {
        throw sdk::Error(failure_code, failure + AttemptsSuffix(attempt));
      }
      if (response.retry_after) {
        if (auto seconds = ParseRetryAfter(*response.retry_after)) server_delay = *seconds;
      }
    }

    if (attempt >= max_attempts) {
      throw sdk::Error(failure_code, failure + AttemptsSuffix(attempt));
    }
    std::chrono::nanoseconds delay =
        std::max(BackoffDelay(policy, attempt, context.Random01()), server_delay);
    const int64_t deadline = context.DeadlineMonoNs();
    if (deadline != 0 && context.NowMonoNs() + delay.count() >= deadline) {
      throw sdk::Error(failure_code, failure + AttemptsSuffix(attempt) +
                                         "; no time left before the deadline to retry");
    }
    context.Note(failure + "; retrying in " + FormatSeconds(delay) + " (attempt " +
                 std::to_string(attempt + 1) + " of " + std::to_string(max_attempts) + ")");
    context.Sleep(delay);
  }
}

}  // namespace mensor::managed_identity

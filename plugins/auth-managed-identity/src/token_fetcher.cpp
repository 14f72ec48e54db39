#include "token_fetcher.hpp"

#include <mensor/sdk/error.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

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

constexpr size_t kMaxArcKeyBytes = 4096;

}  // namespace

std::string ReadArcChallengeKey(std::string_view www_authenticate,
                                const std::string& allowed_directory) {
  const auto fail = [](const std::string& why) -> std::string {
    throw sdk::Error(MENSOR_E_UNAUTHENTICATED, "Azure Arc identity endpoint challenge: " + why);
  };
  constexpr std::string_view kPrefix = "Basic realm=";
  const size_t at = www_authenticate.find(kPrefix);
  if (at == std::string_view::npos) return fail("no 'Basic realm=' in WWW-Authenticate");
  std::string path(www_authenticate.substr(at + kPrefix.size()));
  if (path.size() >= 2 && path.front() == '"' && path.back() == '"') {
    path = path.substr(1, path.size() - 2);
  }
  namespace fs = std::filesystem;
  const fs::path file(path);
  std::error_code error;
  const fs::path directory = fs::weakly_canonical(allowed_directory, error);
  if (file.extension() != ".key") return fail("the key file " + path + " does not end in .key");
  if (fs::weakly_canonical(file.parent_path(), error) != directory) {
    return fail("the key file " + path + " is not in " + allowed_directory);
  }
  const auto size = fs::file_size(file, error);
  if (error) return fail("cannot read the key file " + path);
  if (size > kMaxArcKeyBytes) return fail("the key file " + path + " is larger than 4096 bytes");
  std::ifstream in(file, std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) return fail("cannot read the key file " + path);
  return key;
}

AccessToken FetchToken(FetchContext& context, const TokenRequest& request,
                       const RetryPolicy& policy) {
  const std::string where(EndpointKindName(request.kind));
  const int max_attempts = std::max(policy.max_attempts, 1);
  TokenRequest current = request;
  bool answered_challenge = false;
  for (int attempt = 1;; ++attempt) {
    if (context.Cancelled()) throw sdk::Error(MENSOR_E_CANCELLED, where + " request cancelled");

    mensor_status failure_code = MENSOR_OK;
    std::string failure;
    std::chrono::nanoseconds server_delay{0};
    FetchContext::Response response;
    try {
      response = context.Send(current);
    } catch (const sdk::Error& error) {
      if (error.code() != MENSOR_E_UNAVAILABLE) throw;
      failure_code = error.code();
      failure = where + " request failed: " + error.what();
    }
    if (failure_code == MENSOR_OK) {
      if (response.status == 200) {
        return ParseTokenResponse(request.kind, response.body, context.NowUnixNs());
      }
      // Azure Arc: the first 401 names a key file only root can read; its content, sent as is,
      // is the proof (azure-apis.md §9.4).
      if (request.kind == EndpointKind::kArc && response.status == 401 && !answered_challenge &&
          response.www_authenticate) {
        const std::string key =
            ReadArcChallengeKey(*response.www_authenticate, context.ArcKeyDirectory());
        current.headers.emplace_back("Authorization", "Basic " + key);
        answered_challenge = true;
        --attempt;  // the challenge round trip is not a failed attempt
        continue;
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

#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace mensor::agent {

/// An access token and when it stops being valid.
struct AccessToken {
  std::string value;
  std::chrono::system_clock::time_point expires;
};

/// Caches access tokens per scope and renews them ahead of expiry, as the Azure SDKs do: when less
/// than five minutes or half of the token's lifetime remain, whichever is shorter.
///
/// Renewals are single-flight per scope: of many threads needing a token at once, one fetches and
/// the others wait for its result instead of stampeding the token endpoint. If a renewal fails
/// while the cached token is still valid, the cached token is served and the failure is reported
/// to the caller only once the token has expired.
///
/// Thread-safe.
class TokenCache {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  /// Fetches a new token for a scope; throws on failure. Called without the cache's map lock.
  using Fetch = std::function<AccessToken(const std::string& scope)>;

  explicit TokenCache(
      Fetch fetch, Clock clock = [] { return std::chrono::system_clock::now(); });

  /// Returns a valid token for `scope`, fetching one if needed. Throws what Fetch throws.
  std::string Get(const std::string& scope);

  /// Drops `rejected` (e.g. after a 401) so that the next Get fetches a new token. A token that was
  /// already replaced by another thread is left alone.
  void Invalidate(const std::string& scope, const std::string& rejected);

 private:
  struct Entry {
    std::mutex mutex;  // held while fetching: the single-flight lock
    AccessToken token;
    std::chrono::system_clock::time_point obtained;
    bool present = false;
  };

  Entry& EntryFor(const std::string& scope);
  bool NeedsRenewal(const Entry& entry, std::chrono::system_clock::time_point now) const;

  Fetch fetch_;
  Clock clock_;
  std::mutex map_mutex_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace mensor::agent

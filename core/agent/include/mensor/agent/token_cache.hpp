#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
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

/// Caches access tokens per scope for one identity of one auth mode (an AuthSession), and renews
/// them ahead of expiry as the Azure SDKs do: when less than five minutes or half of the token's
/// lifetime remain, whichever is shorter.
///
/// Renewals are single-flight per scope: of many threads needing a token at once, one fetches and
/// the others wait for its outcome, success or failure, instead of stampeding the token endpoint.
/// While a still-valid token is being renewed ahead of expiry, other callers keep using it
/// without waiting. If a renewal fails while the cached token is still valid, the cached token is
/// served and the failure is reported to the caller only once the token has expired.
///
/// Thread-safe.
class TokenCache {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  /// Fetches a new token for a scope; throws on failure. Called without the cache's locks held,
  /// except the scope's single-flight lock.
  using Fetch = std::function<AccessToken(const std::string& scope)>;
  /// Told about every fetch's outcome, after the new token is stored and without locks held (it
  /// may call Expiries). Never sees the token.
  using Observer = std::function<void(bool success)>;

  explicit TokenCache(
      Fetch fetch, Clock clock = [] { return std::chrono::system_clock::now(); });

  /// Set once, before concurrent use.
  void SetObserver(Observer observer) { observer_ = std::move(observer); }

  /// Returns a valid token for `scope`, fetching one if needed. Throws what Fetch throws.
  std::string Get(const std::string& scope);

  /// Drops `rejected` (e.g. after a 401) so that the next Get fetches a new token. A token that was
  /// already replaced by another thread is left alone.
  void Invalidate(const std::string& scope, const std::string& rejected);

  /// Expiry of the cached token of each scope (for self-metrics).
  std::map<std::string, std::chrono::system_clock::time_point> Expiries() const;

 private:
  struct Entry {
    std::mutex fetch_mutex;  // held while fetching: the single-flight lock
    std::mutex data_mutex;   // guards the fields below; never held while fetching
    AccessToken token;
    std::chrono::system_clock::time_point obtained;
    bool present = false;
    uint64_t generation = 0;          // completed fetches, successful or not
    std::exception_ptr last_failure;  // of the newest fetch, if it failed
  };

  Entry& EntryFor(const std::string& scope);
  bool NeedsRenewal(const Entry& entry, std::chrono::system_clock::time_point now) const;
  std::string FetchInto(Entry& entry, const std::string& scope, uint64_t seen_generation);

  Fetch fetch_;
  Clock clock_;
  Observer observer_;
  mutable std::mutex map_mutex_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace mensor::agent

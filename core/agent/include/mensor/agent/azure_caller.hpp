#pragma once

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "mensor/agent/call_counters.hpp"
#include "mensor/agent/token_cache.hpp"
#include "mensor/net/http_client.hpp"

namespace mensor::agent {

struct CallerOptions {
  std::chrono::milliseconds request_timeout{30000};
  /// 5xx, 408 and transport failures: retried with exponential back-off and jitter.
  int max_retries = 3;
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_cap{30000};
  /// 429 and 529: rescheduled after Retry-After (however long) up to this many times.
  int max_reschedules = 5;
  /// ARM reads: below this many remaining subscription reads, calls are spaced by pace_interval.
  int64_t reserved_reads = 100;
  std::chrono::milliseconds pace_interval{1000};
  /// What one second of Retry-After means; only tests shorten it.
  std::chrono::milliseconds retry_after_unit{1000};
};

/// One Azure call: what to send, what it is (for pacing and self-metrics) and the token scope.
struct AzureCall {
  CallKind kind = CallKind::kMetrics;
  std::string subscription_id;
  std::string scope;  // the Authorization header is added per attempt from the token cache
  net::ClientRequest request;
  /// A 429/529 asking to wait longer than this (or not saying how long) is handed back instead
  /// of rescheduled, for calls that have a cheaper way round; unset: always wait.
  std::optional<std::chrono::seconds> max_retry_after;
};

/// Sends Azure calls the way Azure asks clients to behave: ARM reads of a subscription are paced
/// once `x-ms-ratelimit-remaining-subscription-reads` runs low and held back entirely until a
/// 429's Retry-After has passed; 429 and getBatch's 529 are rescheduled after Retry-After (also
/// when it is beyond a minute, where the Azure SDKs give up); 5xx, 408 and transport failures
/// are retried with exponential back-off and jitter; a 401 renews the token once. Every response
/// is counted by kind and status, and ARM's remaining reads feed promitor_ratelimit_arm.
///
/// Thread-safe. `done` runs exactly once, on a worker thread, with the final response (status 0
/// and an error text when no HTTP answer was had, e.g. no token or shutdown).
class AzureCaller {
 public:
  using Done = std::function<void(net::ClientResponse)>;

  AzureCaller(net::HttpClient& client, TokenCache& tokens, boost::asio::thread_pool& workers,
              CallCounters& counters, CallerOptions options);

  void Call(AzureCall call, Done done);
  /// Pending reschedules and back-offs end now, as cancelled. Idempotent.
  void Stop();

 private:
  struct Pending;
  struct Subscription {
    int64_t remaining = -1;  // unknown until a response says
    std::chrono::steady_clock::time_point blocked_until{};
    std::chrono::steady_clock::time_point next_paced{};
  };

  void Attempt(std::shared_ptr<Pending> pending);
  void Send(std::shared_ptr<Pending> pending);
  void OnResponse(std::shared_ptr<Pending> pending, net::ClientResponse response);
  void After(std::chrono::steady_clock::duration delay, std::function<void()> then,
             std::function<void()> cancelled);
  std::chrono::steady_clock::duration PaceDelay(const AzureCall& call);
  std::chrono::milliseconds Backoff(int retry);
  void Finish(std::shared_ptr<Pending> pending, net::ClientResponse response);

  net::HttpClient& client_;
  TokenCache& tokens_;
  boost::asio::thread_pool& workers_;
  CallCounters& counters_;
  CallerOptions options_;

  std::mutex mutex_;
  std::map<std::string, Subscription> subscriptions_;
  std::set<std::shared_ptr<boost::asio::steady_timer>> timers_;
  std::mt19937_64 random_{std::random_device{}()};
  bool stopped_ = false;
};

}  // namespace mensor::agent

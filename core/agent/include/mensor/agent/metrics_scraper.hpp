#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "mensor/agent/collect_scrape.hpp"
#include "mensor/agent/grain_cache.hpp"
#include "mensor/agent/sample_writer.hpp"
#include "mensor/agent/scrape_target.hpp"
#include "mensor/agent/self_metrics.hpp"
#include "mensor/agent/token_cache.hpp"
#include "mensor/net/http_client.hpp"

namespace mensor::agent {

struct ScraperOptions {
  std::string arm_base;   // https://management.azure.com or the Custom cloud's endpoint
  std::string arm_scope;  // https://management.azure.com/.default
  int window_grains = 3;  // how many complete grains to ask for (see azure::ComputeTimeWindow)
  std::chrono::milliseconds request_timeout{30000};
  CollectEnvironment collect;  // for resource types that collect their own values
  std::function<std::chrono::system_clock::time_point()> clock = [] {
    return std::chrono::system_clock::now();
  };
};

/// Scrapes targets through the Azure Monitor metrics API: token from the cache, one request per
/// target through the shared HTTP client (many in flight), the newest complete bucket of each
/// series written to the sinks, and the outcome to the self-metrics. The first scrape of a
/// (resource type, metric) reads its metric definitions once: a metric Azure does not know is a
/// clear failure, and an interval it does not offer snaps to the closest one (with a warning).
///
/// A failed scrape (token, transport, 4xx/5xx, malformed answer) logs one line, sets
/// promitor_scrape_error and leaves the sinks' previous values alone. A 401 renews the token and
/// retries once. Thread-safe; work runs on the given worker pool, never on the HTTP client thread.
class MetricsScraper {
 public:
  using Done = std::function<void(bool success)>;

  MetricsScraper(net::HttpClient& client, TokenCache& tokens, boost::asio::thread_pool& workers,
                 SampleWriter& sinks, SelfMetrics& self, ScraperOptions options);

  /// Starts scraping `target`; `done` runs exactly once, on a worker thread.
  void Scrape(std::shared_ptr<const ScrapeTarget> target, Done done);

  /// From now on failures are expected (shutdown): they are neither logged nor recorded.
  void Stop() { stopping_ = true; }

 private:
  struct Attempt;
  void Send(std::shared_ptr<Attempt> attempt);
  void Handle(std::shared_ptr<Attempt> attempt, net::ClientResponse response);
  void LearnGrain(std::shared_ptr<Attempt> attempt, const std::string& body);
  void Succeed(const Attempt& attempt, const std::string& body);
  void Fail(const Attempt& attempt, const std::string& reason);

  net::HttpClient& client_;
  TokenCache& tokens_;
  boost::asio::thread_pool& workers_;
  SampleWriter& sinks_;
  SelfMetrics& self_;
  ScraperOptions options_;
  GrainCache grains_;
  std::atomic<bool> stopping_{false};
};

}  // namespace mensor::agent

#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "mensor/agent/collect_scrape.hpp"
#include "mensor/agent/azure_caller.hpp"
#include "mensor/agent/call_counters.hpp"
#include "mensor/agent/grain_cache.hpp"
#include "mensor/agent/plan_cache.hpp"
#include "mensor/agent/region_cache.hpp"
#include "mensor/agent/silent_resources.hpp"
#include "mensor/agent/sample_writer.hpp"
#include "mensor/agent/scrape_target.hpp"
#include "mensor/agent/self_metrics.hpp"
#include "mensor/agent/series_retention.hpp"
#include "mensor/agent/token_cache.hpp"
#include "mensor/azure/metrics_response.hpp"
#include "mensor/net/http_client.hpp"

namespace mensor::agent {

struct ScraperOptions {
  std::string arm_base;   // https://management.azure.com or the Custom cloud's endpoint
  std::string arm_scope;  // https://management.azure.com/.default
  // getBatch: https://{region}.metrics.monitor.azure.com (or a Custom template) and its scope.
  std::string batch_host_template;
  std::string batch_scope;
  bool batching = false;  // azureMonitor.integration.metricsBatching.enabled
  size_t max_batch_size = 50;
  int window_grains = 3;  // how many complete grains to ask for (see azure::ComputeTimeWindow)
  int stale_series_cycles = 2;
  CallerOptions caller;
  CollectEnvironment collect;  // for resource types that collect their own values
  std::function<std::chrono::system_clock::time_point()> clock = [] {
    return std::chrono::system_clock::now();
  };
};

/// Scrapes targets through Azure Monitor with the fewest calls: each cycle reads metric
/// definitions once per resource type (for the grain to ask for), looks up unknown resource
/// regions once (batching), lets the RequestPlanner merge the due targets into getBatch or ARM
/// calls, sends them through the AzureCaller (pacing, Retry-After, back-off), and matches the
/// answers back to targets by resource id and metric name. The newest complete bucket of each
/// series goes to the sinks; outcomes to the self-metrics.
///
/// A failed scrape logs one line, sets promitor_scrape_error and leaves the sinks' previous
/// values alone, unless Azure has answered 404 (the resource is gone) stale_series_cycles times
/// in a row: then its series are dropped. Thread-safe; work runs on
/// the given worker pool, never on the HTTP client thread.
class MetricsScraper {
 public:
  using Done = std::function<void(bool success)>;

  MetricsScraper(net::HttpClient& client, TokenCache& tokens, boost::asio::thread_pool& workers,
                 SampleWriter& sinks, SelfMetrics& self, ScraperOptions options);

  /// Starts scraping `target`; `done` runs exactly once, on a worker thread.
  void Scrape(std::shared_ptr<const ScrapeTarget> target, Done done);
  /// One cycle over `targets`: `done` runs exactly once per target, then `finished` once.
  void ScrapeAll(std::vector<std::shared_ptr<const ScrapeTarget>> targets, Done done,
                 std::function<void()> finished = {});
  /// Records a schedule's cycle duration and writes the call counters.
  void RecordCycle(const std::string& schedule, double seconds);

  /// From now on failures are expected (shutdown): they are neither logged nor recorded, and
  /// pending retries end.
  void Stop();

  // For the cycle (scrape_cycle.cpp).
  const ScraperOptions& options() const { return options_; }
  AzureCaller& caller() { return caller_; }
  GrainCache& grains() { return grains_; }
  RegionCache& regions() { return regions_; }
  PlanCache& plans() { return plans_; }
  SilentResources& silent() { return silent_; }
  /// Writes the series `response` holds for `target`; false (after Fail) when it holds none.
  bool Deliver(const ScrapeTarget& target, const azure::MetricsResponse& response,
               std::chrono::seconds asked_interval);
  /// `gone`: Azure said the resource does not exist (404); only such failures count towards
  /// dropping its series after stale_series_cycles (a transient error keeps the last values).
  void Fail(const ScrapeTarget& target, const std::string& reason, bool gone = false);

 private:
  void WarnTruncatedOnce(const ScrapeTarget& target, size_t series);

  boost::asio::thread_pool& workers_;
  SampleWriter& sinks_;
  SelfMetrics& self_;
  ScraperOptions options_;
  CallCounters counters_;
  AzureCaller caller_;
  GrainCache grains_;
  RegionCache regions_;
  PlanCache plans_;
  SilentResources silent_;
  SeriesRetention retention_;
  std::mutex warned_mutex_;
  std::set<std::string> warned_truncated_;
  std::atomic<bool> stopping_{false};
};

}  // namespace mensor::agent

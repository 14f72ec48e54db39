#include "mensor/agent/metrics_scraper.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "mensor/agent/collect_scrape.hpp"
#include "mensor/agent/series_builder.hpp"
#include "mensor/azure/azure_error.hpp"
#include "mensor/azure/iso8601.hpp"
#include "scrape_cycle.hpp"

namespace mensor::agent {

namespace {
int64_t UnixNs(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

std::string ScopeOf(const ScrapeTarget& target) { return SinkScope(target); }
}  // namespace

MetricsScraper::MetricsScraper(net::HttpClient& client, TokenCache& tokens,
                               boost::asio::thread_pool& workers, SampleWriter& sinks,
                               SelfMetrics& self, ScraperOptions options)
    : workers_(workers),
      sinks_(sinks),
      self_(self),
      options_(std::move(options)),
      counters_(sinks, self),
      caller_(client, tokens, workers, counters_, options_.caller),
      silent_(options_.stale_series_cycles),
      retention_(options_.stale_series_cycles) {}

void MetricsScraper::Scrape(std::shared_ptr<const ScrapeTarget> target, Done done) {
  ScrapeAll({std::move(target)}, std::move(done));
}

void MetricsScraper::ScrapeAll(std::vector<std::shared_ptr<const ScrapeTarget>> targets, Done done,
                               std::function<void()> finished) {
  // Types that collect their own values (not Azure Monitor metrics) run beside the cycle, each
  // on a worker (their plugin may block on HTTP); the run finishes when both parts have.
  std::vector<std::shared_ptr<const ScrapeTarget>> collected;
  std::erase_if(targets, [&collected](const std::shared_ptr<const ScrapeTarget>& target) {
    if (target->collect == nullptr) return false;
    collected.push_back(target);
    return true;
  });
  if (collected.empty()) {
    auto cycle = std::make_shared<ScrapeCycle>(*this, std::move(targets), std::move(done),
                                               std::move(finished));
    cycle->Start();
    return;
  }
  auto pending = std::make_shared<std::atomic<size_t>>(collected.size() + 1);
  auto finish = [pending, finished = std::move(finished)] {
    if (--*pending == 0 && finished) finished();
  };
  for (auto& target : collected) {
    boost::asio::post(workers_, [this, target = std::move(target), done, finish] {
      const bool ok = RunCollect(*target, options_.collect, sinks_, self_, options_.clock(),
                                 !stopping_);
      if (done) done(ok);
      finish();
    });
  }
  if (targets.empty()) {
    finish();
    return;
  }
  auto cycle = std::make_shared<ScrapeCycle>(*this, std::move(targets), std::move(done), finish);
  cycle->Start();
}

void MetricsScraper::RecordCycle(const std::string& schedule, double seconds) {
  counters_.RecordCycle(schedule, seconds);
  counters_.Flush();
}

void MetricsScraper::Stop() {
  stopping_ = true;
  caller_.Stop();
}

bool MetricsScraper::Deliver(const ScrapeTarget& target, const azure::MetricsResponse& response,
                             std::chrono::seconds asked_interval) {
  const azure::MetricResult* metric = response.FindMetric(target.azure_metric_name);
  if (metric == nullptr) {
    Fail(target, "the response does not contain metric '" + target.azure_metric_name + "'");
    return false;
  }
  if (!metric->ok()) {
    Fail(target, "Azure Monitor reported " + metric->error_code + ": " +
                     azure::SanitizeForLog(metric->error_message));
    return false;
  }
  if (target.top && !target.filter.empty() && metric->series.size() >= size_t(*target.top)) {
    WarnTruncatedOnce(target, metric->series.size());
  }
  // Azure may answer with another grain than asked for; buckets are complete relative to it.
  std::chrono::seconds interval = asked_interval;
  if (auto answered = azure::ParseDuration(response.interval)) interval = *answered;

  const auto now = options_.clock();
  const std::string scope = ScopeOf(target);
  azure::MetricResult merged;
  const azure::MetricResult& kept =
      retention_.Merge(scope, *metric, target.aggregation, interval, now, merged);
  SeriesResult series = BuildSeries(target, kept, interval, now);
  for (const auto& warning : series.warnings) {
    spdlog::warn("{} for {}: {}", target.metric_name, target.resource_uri(), warning);
  }
  sinks_.Write(scope, std::move(series.samples));
  self_.RecordScrape(target, true, UnixNs(now));
  return true;
}

void MetricsScraper::WarnTruncatedOnce(const ScrapeTarget& target, size_t series) {
  counters_.CountTruncated(target.metric_name, target.resource_type);
  {
    std::lock_guard lock(warned_mutex_);
    if (!warned_truncated_.insert(target.metric_name).second) return;
  }
  spdlog::warn(
      "{}: Azure Monitor returned {} series for {}, exactly the limit of {}: more series probably "
      "exist and were cut; raise the metric's 'limit' (counted in "
      "mensor_azure_series_truncated_total; this warning is shown once)",
      target.metric_name, series, target.resource_uri(), *target.top);
}

void MetricsScraper::Fail(const ScrapeTarget& target, const std::string& reason, bool gone) {
  if (stopping_) return;
  const std::string scope = ScopeOf(target);
  const bool drop = gone && retention_.Failed(scope);
  spdlog::error("scraping {} ({} {}) for {} failed: {}; {}", target.metric_name,
                target.azure_metric_name, azure::ToString(target.aggregation),
                target.resource_uri(), reason,
                drop ? "the resource is gone: its series are dropped after " +
                           std::to_string(options_.stale_series_cycles) + " such answers in a row"
                     : std::string("keeping its last values, next try at the next scheduled run"));
  if (drop) sinks_.Write(scope, {});
  self_.RecordScrape(target, false, UnixNs(options_.clock()));
}

}  // namespace mensor::agent

#include "mensor/agent/metrics_scraper.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "mensor/agent/collect_scrape.hpp"
#include "mensor/agent/series_builder.hpp"
#include "mensor/azure/azure_error.hpp"
#include "mensor/azure/iso8601.hpp"
#include "mensor/azure/metric_definitions.hpp"
#include "mensor/azure/metrics_request.hpp"
#include "mensor/azure/metrics_response.hpp"
#include "mensor/azure/resource_id.hpp"
#include "mensor/azure/time_window.hpp"

namespace mensor::agent {

struct MetricsScraper::Attempt {
  std::shared_ptr<const ScrapeTarget> target;
  Done done;
  std::string token;
  bool retried_after_401 = false;
  // Set once the metric definitions told which grain to query; until then the attempt asks for
  // the definitions first.
  std::optional<std::chrono::seconds> interval;
};

namespace {
int64_t UnixNs(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}
}  // namespace

MetricsScraper::MetricsScraper(net::HttpClient& client, TokenCache& tokens,
                               boost::asio::thread_pool& workers, SampleWriter& sinks,
                               SelfMetrics& self, ScraperOptions options)
    : client_(client),
      tokens_(tokens),
      workers_(workers),
      sinks_(sinks),
      self_(self),
      options_(std::move(options)) {}

void MetricsScraper::Scrape(std::shared_ptr<const ScrapeTarget> target, Done done) {
  if (target->collect != nullptr) {
    // Not Azure Monitor metrics: the resource type's plugin collects (it may block on HTTP).
    boost::asio::post(workers_, [this, target = std::move(target), done = std::move(done)] {
      done(RunCollect(*target, options_.collect, sinks_, self_, options_.clock(), !stopping_));
    });
    return;
  }
  auto attempt = std::make_shared<Attempt>();
  attempt->target = std::move(target);
  attempt->done = std::move(done);
  boost::asio::post(workers_, [this, attempt] { Send(attempt); });
}

void MetricsScraper::Send(std::shared_ptr<Attempt> attempt) {
  const ScrapeTarget& target = *attempt->target;
  try {
    attempt->token = tokens_.Get(options_.arm_scope);
  } catch (const std::exception& error) {
    Fail(*attempt, std::string("no access token for ") + options_.arm_scope + ": " + error.what());
    return;
  }
  attempt->interval = grains_.Find(
      GrainCache::Key(target.resource_type, target.azure_metric_name, target.interval));
  net::ClientRequest request;
  if (attempt->interval) {
    const auto window =
        azure::ComputeTimeWindow(options_.clock(), *attempt->interval, options_.window_grains);
    azure::MetricsQuery query;
    query.resource_id = target.resource_uri();
    query.metric_names = {target.azure_metric_name};
    query.aggregations = {target.aggregation};
    query.interval = *attempt->interval;
    query.start = window.start;
    query.end = window.end;
    query.filter = target.filter;
    query.top = target.top;
    request.url = azure::BuildMetricsUrl(options_.arm_base, query);
  } else {
    request.url = azure::BuildMetricDefinitionsUrl(options_.arm_base, target.resource_uri());
  }
  request.headers = {{"Authorization", "Bearer " + attempt->token}, {"Accept", "application/json"}};
  request.timeout = options_.request_timeout;
  client_.Submit(std::move(request), [this, attempt](net::ClientResponse response) {
    // The client's thread only moves bytes; parsing happens on the workers.
    boost::asio::post(workers_, [this, attempt, response = std::move(response)]() mutable {
      Handle(attempt, std::move(response));
    });
  });
}

void MetricsScraper::Handle(std::shared_ptr<Attempt> attempt, net::ClientResponse response) {
  const int64_t now_ns = UnixNs(options_.clock());
  if (response.status != 0) {
    int64_t remaining = -1;
    if (auto header = response.Header("x-ms-ratelimit-remaining-subscription-reads")) {
      remaining = azure::ParseRemainingReads(*header).value_or(-1);
    }
    self_.RecordArmResponse(attempt->target->labels.subscription_id, remaining,
                            response.status == 429, now_ns);
  }
  if (response.status == 401 && !attempt->retried_after_401) {
    // The token may have been revoked or rotated early: renew once before giving up.
    tokens_.Invalidate(options_.arm_scope, attempt->token);
    attempt->retried_after_401 = true;
    Send(attempt);
    return;
  }
  if (response.status == 0) {
    Fail(*attempt, "request failed: " + azure::SanitizeForLog(response.error));
    return;
  }
  if (response.status < 200 || response.status >= 300) {
    // Always name the HTTP status: Azure's error code alone ("InternalServerError") hides it.
    const std::string status_text = "HTTP " + std::to_string(response.status);
    const std::string detail = azure::ParseAzureError(response.status, response.body).ToLogString();
    std::string reason = "Azure Monitor answered " + status_text;
    if (detail != status_text) reason += ": " + detail;
    if (auto retry_after = response.Header("Retry-After")) {
      reason += " (Retry-After: " + std::string(*retry_after) + "s)";
    }
    Fail(*attempt, reason);
    return;
  }
  if (!attempt->interval) {
    LearnGrain(attempt, response.body);
    return;
  }
  Succeed(*attempt, response.body);
}

void MetricsScraper::LearnGrain(std::shared_ptr<Attempt> attempt, const std::string& body) {
  const ScrapeTarget& target = *attempt->target;
  auto definitions = azure::ParseMetricDefinitions(body);
  if (!definitions) {
    Fail(*attempt, "malformed metric definitions: " + definitions.error());
    return;
  }
  const azure::MetricDefinition* definition =
      azure::FindDefinition(*definitions, target.azure_metric_name);
  if (definition == nullptr) {
    std::string known;
    for (const auto& other : *definitions) known += (known.empty() ? "" : ", ") + other.name;
    Fail(*attempt, "Azure Monitor has no metric '" + target.azure_metric_name +
                       "' for this resource; it offers: " +
                       azure::SanitizeForLog(known.empty() ? "none" : known));
    return;
  }
  const auto grain = azure::ChooseTimeGrain(*definition, target.interval).value_or(target.interval);
  if (grain != target.interval) {
    spdlog::warn(
        "{} will use the {} aggregation interval rather than {}: {} does not offer {} for "
        "{} resources",
        target.metric_name, azure::FormatDuration(grain), azure::FormatDuration(target.interval),
        target.azure_metric_name, azure::FormatDuration(target.interval), target.resource_type);
  }
  grains_.Store(GrainCache::Key(target.resource_type, target.azure_metric_name, target.interval),
                grain);
  Send(attempt);
}

void MetricsScraper::Succeed(const Attempt& attempt, const std::string& body) {
  const ScrapeTarget& target = *attempt.target;
  auto parsed = azure::ParseMetricsResponse(body);
  if (!parsed) {
    Fail(attempt, "malformed Azure Monitor response: " + parsed.error());
    return;
  }
  const azure::MetricResult* metric = parsed->FindMetric(target.azure_metric_name);
  if (metric == nullptr) {
    Fail(attempt, "the response does not contain metric '" + target.azure_metric_name + "'");
    return;
  }
  if (!metric->ok()) {
    Fail(attempt, "Azure Monitor reported " + metric->error_code + ": " +
                      azure::SanitizeForLog(metric->error_message));
    return;
  }
  // Azure may answer with another grain than asked for; buckets are complete relative to it.
  std::chrono::seconds interval = attempt.interval.value_or(target.interval);
  if (auto answered = azure::ParseDuration(parsed->interval)) interval = *answered;

  const auto now = options_.clock();
  SeriesResult series = BuildSeries(target, *metric, interval, now);
  for (const auto& warning : series.warnings) {
    spdlog::warn("{} for {}: {}", target.metric_name, target.resource_uri(), warning);
  }
  sinks_.Write(SinkScope(target), series.samples);
  self_.RecordScrape(target, true, UnixNs(now));
  attempt.done(true);
}

void MetricsScraper::Fail(const Attempt& attempt, const std::string& reason) {
  const ScrapeTarget& target = *attempt.target;
  if (stopping_) {
    attempt.done(false);
    return;
  }
  spdlog::error(
      "scraping {} ({} {}) for {} failed: {}; keeping its last values, next try at the "
      "next scheduled run",
      target.metric_name, target.azure_metric_name, azure::ToString(target.aggregation),
      target.resource_uri(), reason);
  self_.RecordScrape(target, false, UnixNs(options_.clock()));
  attempt.done(false);
}

}  // namespace mensor::agent

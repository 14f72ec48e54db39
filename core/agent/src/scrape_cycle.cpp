#include "scrape_cycle.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "mensor/azure/azure_error.hpp"
#include "mensor/azure/cloud.hpp"
#include "mensor/azure/metric_definitions.hpp"
#include "mensor/azure/metrics_request.hpp"
#include "mensor/azure/resource_id.hpp"
#include "mensor/azure/resource_location.hpp"
#include "mensor/azure/time_window.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {

std::string DescribeFailure(const net::ClientResponse& response) {
  if (response.status == 0) return "request failed: " + azure::SanitizeForLog(response.error);
  // Always name the HTTP status: Azure's error code alone ("InternalServerError") hides it.
  const std::string status_text = "HTTP " + std::to_string(response.status);
  const std::string detail = azure::ParseAzureError(response.status, response.body).ToLogString();
  std::string reason = "Azure Monitor answered " + status_text;
  if (detail != status_text) reason += ": " + detail;
  if (auto retry_after = response.Header("Retry-After")) {
    reason += " (Retry-After: " + std::string(*retry_after) + "s)";
  }
  return reason;
}

bool Ok(const net::ClientResponse& response) {
  return response.status >= 200 && response.status < 300;
}

std::string SubscriptionOf(const ScrapeTarget& target) {
  if (auto parts = azure::ParseResourceId(target.resource_uri())) return parts->subscription_id;
  return target.labels.subscription_id;
}

namespace {

// What getBatch and the ARM metrics call share: names, aggregations, grain, window, filter, top.
template <typename Query>
Query QueryFor(const PlannedCall& planned, const azure::TimeWindow& window) {
  Query query;
  query.metric_names = planned.metric_names;
  query.aggregations = planned.aggregations;
  query.interval = planned.interval;
  query.start = window.start;
  query.end = window.end;
  query.filter = planned.filter;
  query.top = planned.top;
  return query;
}
}  // namespace

ScrapeCycle::ScrapeCycle(MetricsScraper& scraper,
                         std::vector<std::shared_ptr<const ScrapeTarget>> targets,
                         MetricsScraper::Done done, std::function<void()> finished)
    : scraper_(scraper), done_(std::move(done)), finished_(std::move(finished)) {
  slots_.reserve(targets.size());
  index_.reserve(targets.size());
  for (auto& target : targets) {
    index_.emplace(target.get(), slots_.size());
    slots_.push_back(Slot{std::move(target)});
  }
}

void ScrapeCycle::Start() { LoadDefinitions(); }

bool ScrapeCycle::Settled(const ScrapeTarget& target) {
  std::lock_guard lock(mutex_);
  return slots_[index_.at(&target)].settled;
}

void ScrapeCycle::Settle(const ScrapeTarget& target, bool success) {
  {
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[index_.at(&target)];
    if (slot.settled) return;
    slot.settled = true;
  }
  if (done_) done_(success);
}

void ScrapeCycle::FailAll(const std::vector<std::shared_ptr<const ScrapeTarget>>& targets,
                          const std::string& reason, bool gone) {
  for (const auto& target : targets) {
    if (Settled(*target)) continue;
    scraper_.Fail(*target, reason, gone);
    Settle(*target, false);
  }
}

void ScrapeCycle::StartPhase(size_t calls) {
  // One extra count held while the calls are handed out, so a fast answer cannot end the phase
  // before the last call is sent.
  phase_pending_ = calls + 1;
}

void ScrapeCycle::PhaseDone(const std::function<void()>& next) {
  if (--phase_pending_ == 0) next();
}

AzureCall ScrapeCycle::MetricsCall(const PlannedCall& planned) const {
  const ScraperOptions& options = scraper_.options();
  const auto window =
      azure::ComputeTimeWindow(options.clock(), planned.interval, options.window_grains);
  AzureCall call;
  call.subscription_id = planned.subscription_id;
  call.request.headers = {{"Accept", "application/json"}};
  if (planned.kind == PlannedCall::Kind::kBatch) {
    auto query = QueryFor<azure::BatchQuery>(planned, window);
    query.subscription_id = planned.subscription_id;
    query.metric_namespace = planned.metric_namespace;
    call.kind = CallKind::kBatch;
    call.scope = options.batch_scope;
    call.request.method = "POST";
    call.request.url = azure::BuildBatchUrl(
        azure::MetricsBatchHost(
            azure::CloudEndpoints{.metrics_batch_host_template = options.batch_host_template},
            planned.region),
        query);
    call.request.body = azure::BuildBatchBody(planned.resource_ids).value();
    call.request.headers.emplace_back("Content-Type", "application/json");
    return call;
  }
  auto query = QueryFor<azure::MetricsQuery>(planned, window);
  query.resource_id = planned.resource_ids.front();
  call.kind = CallKind::kMetrics;
  call.scope = options.arm_scope;
  call.request.url = azure::BuildMetricsUrl(options.arm_base, query);
  return call;
}

void ScrapeCycle::SendPlannedCalls() {
  FindGrains();  // the ones the definitions phase just learnt
  const bool batching = scraper_.options().batching;
  std::vector<PlanInput> inputs;
  inputs.reserve(slots_.size());
  {
    std::lock_guard lock(mutex_);
    for (Slot& slot : slots_) {
      if (slot.settled) continue;
      PlanInput input{slot.target};
      input.grain = slot.grain.value_or(slot.target->interval);
      if (batching) {
        // Looked up in the regions phase, or just learnt by it.
        if (slot.region.empty()) {
          slot.region = scraper_.regions().Find(slot.target->resource_uri()).value_or("");
        }
        input.region = slot.region;
      }
      inputs.push_back(std::move(input));
    }
  }
  const PlanOptions options{batching, scraper_.options().max_batch_size};
  std::shared_ptr<const PlanCache::Calls> calls = scraper_.plans().Find(inputs, options);
  if (!calls) {
    auto planned = std::make_shared<PlanCache::Calls>();
    for (PlannedCall& call : PlanRequests(inputs, options)) {
      planned->push_back(std::make_shared<const PlannedCall>(std::move(call)));
    }
    calls = planned;
    scraper_.plans().Store(inputs, options, calls);
  }
  auto self = shared_from_this();
  const Next next = [self] {
    if (self->finished_) self->finished_();
  };
  StartPhase(0);
  for (const auto& planned : *calls) Send(planned, next);
  PhaseDone(next);
}

void ScrapeCycle::Send(std::shared_ptr<const PlannedCall> planned, const Next& next) {
  ++phase_pending_;  // before the caller can answer, so the phase cannot end in between
  auto self = shared_from_this();
  scraper_.caller().Call(MetricsCall(*planned),
                         [self, planned, next](net::ClientResponse response) {
                           self->OnMetrics(*planned, response, next);
                           self->PhaseDone(next);
                         });
}

void ScrapeCycle::OnMetrics(const PlannedCall& call, const net::ClientResponse& response,
                            const Next& next) {
  if (response.status == 400 && call.metric_names.size() > 1) {
    // Azure refuses the whole call when one metric cannot answer it (e.g. a dimension of the
    // filter it lacks); asking for each metric alone keeps the others' values.
    for (const std::string& name : call.metric_names) {
      PlannedCall single = call;
      single.metric_names = {name};
      single.targets.clear();
      for (const auto& target : call.targets) {
        if (util::EqualsIgnoreCase(target->azure_metric_name, name))
          single.targets.push_back(target);
      }
      Send(std::make_shared<const PlannedCall>(std::move(single)), next);
    }
    return;
  }
  if (!Ok(response)) {
    // An ARM 404 is about the one resource of the call: it does not exist (any more).
    const bool gone = call.kind == PlannedCall::Kind::kArm && response.status == 404;
    FailAll(call.targets, DescribeFailure(response), gone);
    return;
  }
  if (call.kind == PlannedCall::Kind::kArm) {
    auto parsed = azure::ParseMetricsResponse(response.body);
    if (!parsed) {
      FailAll(call.targets, "malformed Azure Monitor response: " + parsed.error());
      return;
    }
    for (const auto& target : call.targets) {
      Settle(*target, scraper_.Deliver(*target, *parsed, call.interval));
    }
    return;
  }
  auto parsed = azure::ParseBatchResponse(response.body);
  if (!parsed) {
    FailAll(call.targets, "malformed getBatch response: " + parsed.error());
    return;
  }
  const azure::BatchIndex index(*parsed);
  for (const auto& target : call.targets) {
    const azure::BatchResourceResult* result = index.Find(target->resource_uri());
    if (result == nullptr) {
      FailAll({target}, "the getBatch answer has no result for the resource");
      continue;
    }
    Settle(*target, scraper_.Deliver(*target, result->response, call.interval));
  }
  for (const azure::BatchResourceResult& item : parsed->values) {
    const bool silent = std::all_of(item.response.metrics.begin(), item.response.metrics.end(),
                                    [](const azure::MetricResult& metric) {
                                      return metric.ok() && metric.series.empty();
                                    });
    scraper_.silent().Record(item.resource_id, silent);
  }
}

}  // namespace mensor::agent

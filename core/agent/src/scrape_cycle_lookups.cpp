// The phases of a scrape cycle before its metric calls: metric definitions (for the grain) and
// resource lookups (regions Resource Graph did not tell, and whether a resource whose answers
// went silent still exists).
#include <spdlog/spdlog.h>

#include "mensor/azure/azure_error.hpp"
#include "mensor/azure/iso8601.hpp"
#include "mensor/azure/metric_definitions.hpp"
#include "mensor/azure/metrics_request.hpp"
#include "mensor/azure/resource_id.hpp"
#include "mensor/azure/resource_location.hpp"
#include "scrape_cycle.hpp"

namespace mensor::agent {

void ScrapeCycle::FindGrains() {
  // Targets come grouped by metric: the key of the previous slot usually answers the next.
  const ScrapeTarget* previous = nullptr;
  std::optional<std::chrono::seconds> previous_grain;
  std::lock_guard lock(mutex_);
  for (Slot& slot : slots_) {
    if (slot.settled || slot.grain) continue;
    const ScrapeTarget& target = *slot.target;
    if (previous == nullptr || previous->resource_type != target.resource_type ||
        previous->azure_metric_name != target.azure_metric_name ||
        previous->interval != target.interval) {
      previous = &target;
      previous_grain = scraper_.grains().Find(
          GrainCache::Key(target.resource_type, target.azure_metric_name, target.interval));
    }
    slot.grain = previous_grain;
  }
}

void ScrapeCycle::LoadDefinitions() {
  // The first target of each resource type whose grain is unknown stands for the whole type.
  FindGrains();
  std::map<std::string, std::shared_ptr<const ScrapeTarget>> types;
  for (const Slot& slot : slots_) {
    if (!slot.settled && !slot.grain) types.try_emplace(slot.target->resource_type, slot.target);
  }
  auto self = shared_from_this();
  const auto next = [self] { self->QueryResourceGraph(); };
  StartPhase(types.size());
  for (const auto& [type, target] : types) {
    AzureCall call{CallKind::kDefinitions, SubscriptionOf(*target), scraper_.options().arm_scope};
    call.request.url =
        azure::BuildMetricDefinitionsUrl(scraper_.options().arm_base, target->resource_uri());
    call.request.headers = {{"Accept", "application/json"}};
    scraper_.caller().Call(std::move(call),
                           [self, type = type, next](net::ClientResponse response) {
                             self->OnDefinitions(type, response);
                             self->PhaseDone(next);
                           });
  }
  PhaseDone(next);
}

void ScrapeCycle::OnDefinitions(const std::string& resource_type,
                                const net::ClientResponse& response) {
  std::vector<std::shared_ptr<const ScrapeTarget>> of_type;
  for (const Slot& slot : slots_) {
    if (slot.target->resource_type == resource_type) of_type.push_back(slot.target);
  }
  if (!Ok(response)) {
    FailAll(of_type, "reading the metric definitions failed: " + DescribeFailure(response));
    return;
  }
  auto definitions = azure::ParseMetricDefinitions(response.body);
  if (!definitions) {
    FailAll(of_type, "malformed metric definitions: " + definitions.error());
    return;
  }
  for (const auto& target : of_type) {
    const auto key =
        GrainCache::Key(target->resource_type, target->azure_metric_name, target->interval);
    if (scraper_.grains().Find(key)) continue;
    const azure::MetricDefinition* definition =
        azure::FindDefinition(*definitions, target->azure_metric_name);
    if (definition == nullptr) {
      std::string known;
      for (const auto& other : *definitions) known += (known.empty() ? "" : ", ") + other.name;
      FailAll({target}, "Azure Monitor has no metric '" + target->azure_metric_name +
                            "' for this resource; it offers: " +
                            azure::SanitizeForLog(known.empty() ? "none" : known));
      continue;
    }
    const auto grain =
        azure::ChooseTimeGrain(*definition, target->interval).value_or(target->interval);
    if (grain != target->interval) {
      spdlog::warn(
          "{} will use the {} aggregation interval rather than {}: {} does not offer {} for "
          "{} resources",
          target->metric_name, azure::FormatDuration(grain),
          azure::FormatDuration(target->interval), target->azure_metric_name,
          azure::FormatDuration(target->interval), target->resource_type);
    }
    scraper_.grains().Store(key, grain);
  }
}

void ScrapeCycle::LookUpResources() {
  // Resources whose region Resource Graph did not tell, and (batching) those whose answers have
  // been empty for a while: the same ARM GET tells a deleted resource (404) from an idle or
  // moved one.
  std::map<std::string, std::vector<std::shared_ptr<const ScrapeTarget>>> lookups;
  if (scraper_.options().batching) {
    std::lock_guard lock(mutex_);
    for (Slot& slot : slots_) {
      if (slot.settled) continue;
      const std::string& id = slot.target->resource_uri();
      std::optional<std::string> region = scraper_.regions().Find(id);
      if (region && !scraper_.silent().Due(id)) {
        slot.region = std::move(*region);
      } else {
        lookups[azure::NormalizeResourceId(id)].push_back(slot.target);
      }
    }
  }
  auto self = shared_from_this();
  const auto next = [self] { self->SendPlannedCalls(); };
  StartPhase(lookups.size());
  for (auto& [key, targets] : lookups) {
    const std::shared_ptr<const ScrapeTarget> first = targets.front();
    AzureCall call{CallKind::kResource, SubscriptionOf(*first), scraper_.options().arm_scope};
    call.request.url = azure::BuildResourceUrl(scraper_.options().arm_base, first->resource_uri());
    call.request.headers = {{"Accept", "application/json"}};
    scraper_.caller().Call(std::move(call), [self, targets = std::move(targets),
                                             next](net::ClientResponse response) {
      self->OnResourceLookup(targets, response);
      self->PhaseDone(next);
    });
  }
  PhaseDone(next);
}

void ScrapeCycle::OnResourceLookup(const std::vector<std::shared_ptr<const ScrapeTarget>>& targets,
                                   const net::ClientResponse& response) {
  const std::string& id = targets.front()->resource_uri();
  if (response.status == 404) {
    FailAll(targets, "the resource no longer exists: " + DescribeFailure(response),
            /*gone=*/true);
    return;
  }
  // Without a region the resource is still scraped (through ARM, or in its last known region);
  // the lookup is retried next cycle.
  auto region = Ok(response)
                    ? azure::ParseResourceLocation(response.body)
                    : azure::Result<std::string>(azure::ParseError{DescribeFailure(response)});
  if (!region) {
    spdlog::warn("the region of {} is unknown ({}); scraping it without getBatch this cycle", id,
                 region.error());
    return;
  }
  scraper_.regions().Store(id, *region);
  scraper_.silent().Exists(id);
}

}  // namespace mensor::agent

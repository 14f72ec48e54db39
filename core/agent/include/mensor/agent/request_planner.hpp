#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mensor/agent/scrape_target.hpp"
#include "mensor/azure/aggregation.hpp"

namespace mensor::agent {

/// One Azure Monitor call the planner decided on, and the targets its answer serves.
struct PlannedCall {
  enum class Kind { kArm, kBatch };
  Kind kind = Kind::kArm;
  std::string subscription_id;
  std::string region;            // batch: the regional metrics host to ask
  std::string metric_namespace;  // batch: the resource type, e.g. Microsoft.ServiceBus/namespaces
  std::vector<std::string> metric_names;  // at most 20
  std::vector<azure::Aggregation> aggregations;
  std::chrono::seconds interval{60};
  std::string filter;
  std::optional<int> top;
  std::vector<std::string> resource_ids;  // ARM: exactly one; batch: at most the batch size
  std::vector<std::shared_ptr<const ScrapeTarget>> targets;
};

/// A due target with what the planner needs to know about it.
struct PlanInput {
  std::shared_ptr<const ScrapeTarget> target;
  std::chrono::seconds grain{60};  // the interval Azure offers for the metric (definitions)
  std::string region;              // the resource's location; empty: unknown, ARM only
};

struct PlanOptions {
  bool batching = false;
  size_t max_batch_size = 50;  // getBatch takes at most 50 resource ids
};

/// Groups due work so the fewest calls Azure allows are sent. Targets share a call when they have
/// the same subscription, region, resource type, grain, filter, `top` and aggregation set (one
/// `aggregation` parameter applies to every metric of a call, and Azure refuses a metric asked
/// for an aggregation it does not support). Each group becomes ⌈resources / batch size⌉ ×
/// ⌈metrics / 20⌉ getBatch calls; without batching, or without a known region, each resource
/// gets ⌈metrics / 20⌉ ARM calls. Answers are matched back by resource id and metric name, so
/// the order of ids and names carries no meaning. Pure and deterministic.
std::vector<PlannedCall> PlanRequests(std::span<const PlanInput> inputs,
                                      const PlanOptions& options);

}  // namespace mensor::agent

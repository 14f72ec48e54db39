#include "mensor/agent/request_planner.hpp"

#include <algorithm>
#include <map>

#include "mensor/azure/metrics_request.hpp"
#include "mensor/azure/resource_id.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {
namespace {

using AggregationMask = unsigned;

AggregationMask MaskOf(azure::Aggregation aggregation) {
  return 1u << static_cast<unsigned>(aggregation);
}

std::vector<azure::Aggregation> Aggregations(AggregationMask mask) {
  std::vector<azure::Aggregation> out;
  for (unsigned bit = 0; bit < 8 * sizeof(mask); ++bit) {
    if (mask & (1u << bit)) out.push_back(static_cast<azure::Aggregation>(bit));
  }
  return out;
}

// Everything of one group that one answer can serve: metric name (as declared) → the targets
// asking for it, in the order they came.
struct MetricWork {
  std::string name;
  AggregationMask mask = 0;
  std::vector<std::pair<std::string, std::shared_ptr<const ScrapeTarget>>> by_resource;
};

struct Group {
  PlannedCall prototype;  // every field but metric_names, aggregations, resource_ids, targets
  std::map<std::string, MetricWork> metrics;  // key: lower-cased metric name
};

std::string GroupKey(const PlannedCall& call, std::string_view resource_key) {
  std::string key = util::ToLowerAscii(call.subscription_id);
  for (std::string_view part :
       {std::string_view(call.region), std::string_view(call.metric_namespace), resource_key}) {
    key += '\n';
    key += util::ToLowerAscii(part);
  }
  key += '\n' + std::to_string(call.interval.count()) + '\n' + call.filter + '\n' +
         (call.top ? std::to_string(*call.top) : "-");
  return key;
}

template <typename T>
std::vector<std::span<const T>> Chunks(const std::vector<T>& items, size_t size) {
  std::vector<std::span<const T>> out;
  for (size_t begin = 0; begin < items.size(); begin += size) {
    out.emplace_back(items.data() + begin, std::min(size, items.size() - begin));
  }
  return out;
}

void EmitGroup(const Group& group, size_t resources_per_call, std::vector<PlannedCall>& out) {
  // Metrics asked with the same aggregations share calls.
  std::map<AggregationMask, std::vector<const MetricWork*>> by_mask;
  for (const auto& [key, work] : group.metrics) by_mask[work.mask].push_back(&work);
  for (const auto& [mask, works] : by_mask) {
    for (auto metric_chunk : Chunks(works, azure::kMaxMetricsPerQuery)) {
      // The resources any of these metrics is due for, first appearance first.
      std::vector<std::string> resources;
      std::map<std::string, size_t> index;
      for (const MetricWork* work : metric_chunk) {
        for (const auto& [resource_key, target] : work->by_resource) {
          if (index.emplace(resource_key, resources.size()).second) {
            resources.push_back(resource_key);
          }
        }
      }
      for (size_t begin = 0; begin < resources.size(); begin += resources_per_call) {
        const size_t end = std::min(resources.size(), begin + resources_per_call);
        PlannedCall call = group.prototype;
        call.aggregations = Aggregations(mask);
        for (const MetricWork* work : metric_chunk) call.metric_names.push_back(work->name);
        std::map<std::string, bool> in_call;
        for (size_t i = begin; i < end; ++i) in_call[resources[i]] = false;
        for (const MetricWork* work : metric_chunk) {
          for (const auto& [resource_key, target] : work->by_resource) {
            auto found = in_call.find(resource_key);
            if (found == in_call.end()) continue;
            if (!found->second) {
              found->second = true;
              call.resource_ids.push_back(target->resource_uri());
            }
            call.targets.push_back(target);
          }
        }
        // Keep the ids in first-appearance order (the map above only marks membership).
        std::sort(call.resource_ids.begin(), call.resource_ids.end(),
                  [&](const std::string& a, const std::string& b) {
                    return index.at(azure::NormalizeResourceId(a)) <
                           index.at(azure::NormalizeResourceId(b));
                  });
        out.push_back(std::move(call));
      }
    }
  }
}

}  // namespace

std::vector<PlannedCall> PlanRequests(std::span<const PlanInput> inputs,
                                      const PlanOptions& options) {
  std::map<std::string, Group> groups;
  std::vector<std::string> order;  // groups in first-appearance order, for stable plans
  for (const PlanInput& input : inputs) {
    const ScrapeTarget& target = *input.target;
    const std::string resource_key = azure::NormalizeResourceId(target.resource_uri());
    const bool batch = options.batching && !input.region.empty();
    PlannedCall prototype;
    prototype.kind = batch ? PlannedCall::Kind::kBatch : PlannedCall::Kind::kArm;
    prototype.subscription_id = target.labels.subscription_id;
    if (auto parts = azure::ParseResourceId(target.resource_uri())) {
      prototype.subscription_id = parts->subscription_id;
      prototype.metric_namespace = parts->resource_type;
    }
    if (batch) prototype.region = input.region;
    prototype.interval = input.grain;
    prototype.filter = target.filter;
    prototype.top = target.top;
    // An ARM call serves one resource, so the resource is part of its group.
    const std::string key = GroupKey(prototype, batch ? std::string_view() : resource_key);
    auto [group, created] = groups.try_emplace(key);
    if (created) {
      group->second.prototype = std::move(prototype);
      order.push_back(key);
    }
    MetricWork& work = group->second.metrics[util::ToLowerAscii(target.azure_metric_name)];
    if (work.name.empty()) work.name = target.azure_metric_name;
    work.mask |= MaskOf(target.aggregation);
    work.by_resource.emplace_back(resource_key, input.target);
  }
  std::vector<PlannedCall> calls;
  const size_t batch_size =
      std::clamp<size_t>(options.max_batch_size, 1, azure::kMaxBatchResourceIds);
  for (const std::string& key : order) {
    const Group& group = groups.at(key);
    EmitGroup(group, group.prototype.kind == PlannedCall::Kind::kBatch ? batch_size : 1, calls);
  }
  return calls;
}

}  // namespace mensor::agent

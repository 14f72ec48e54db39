#include <algorithm>

#include "mensor/config/metrics_declaration.hpp"
#include "mensor/config/time_span.hpp"
#include "mensor/config/yaml_json.hpp"

namespace mensor::config {
namespace {

using nlohmann::json;

json Interval(const std::optional<std::chrono::seconds>& interval) {
  return interval ? json(FormatTimeSpan(*interval)) : json(nullptr);
}

json LabelsJson(const Labels& labels) {
  json out = json::object();
  for (const auto& [name, value] : labels) out[name] = value;
  return out;
}

json MetricJson(const MetricDefinition& m, const std::vector<std::string>& secret_keys) {
  json out = {{"name", m.name},
              {"description", m.description},
              {"resourceType", m.resource_type},
              {"labels", LabelsJson(m.labels)},
              {"scraping", {{"schedule", m.schedule}}}};
  if (const auto& a = m.azure_metric_configuration) {
    out["azureMetricConfiguration"] = {{"metricName", a->metric_name},
                                       {"aggregation",
                                        {{"type", AggregationTypeName(a->aggregation_type)},
                                         {"interval", Interval(a->aggregation_interval)}}},
                                       {"limit", a->limit ? json(*a->limit) : json(nullptr)},
                                       {"dimensions", a->dimensions}};
  }
  if (const auto& l = m.log_analytics_configuration) {
    out["logAnalyticsConfiguration"] = {
        {"query", l->query}, {"aggregation", {{"interval", Interval(l->aggregation_interval)}}}};
  }
  const auto is_secret = [&](std::string_view key) {
    return std::find(secret_keys.begin(), secret_keys.end(), key) != secret_keys.end();
  };
  json resources = json::array();
  for (const auto& r : m.resources) {
    json resource = YamlToJson(r.node, is_secret);
    resource["subscriptionId"] = r.subscription_id;
    resource["resourceGroupName"] = r.resource_group_name;
    resources.push_back(std::move(resource));
  }
  out["resources"] = std::move(resources);
  json groups = json::array();
  for (const auto& g : m.resource_discovery_groups) groups.push_back({{"name", g}});
  out["resourceDiscoveryGroups"] = std::move(groups);
  return out;
}

}  // namespace

SourceLocation LocationOf(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

std::string_view AzureCloudName(AzureCloud cloud) {
  switch (cloud) {
    case AzureCloud::kGlobal:
      return "Global";
    case AzureCloud::kChina:
      return "China";
    case AzureCloud::kUsGov:
      return "UsGov";
    case AzureCloud::kCustom:
      return "Custom";
  }
  return "Global";
}

std::string_view AggregationTypeName(AggregationType type) {
  switch (type) {
    case AggregationType::kNone:
      return "None";
    case AggregationType::kAverage:
      return "Average";
    case AggregationType::kCount:
      return "Count";
    case AggregationType::kMinimum:
      return "Minimum";
    case AggregationType::kMaximum:
      return "Maximum";
    case AggregationType::kTotal:
      return "Total";
  }
  return "None";
}

json ToJson(const MetricsDeclaration& d, const std::vector<std::string>& secret_keys) {
  const auto& md = d.azure_metadata;
  json metadata = {{"tenantId", md.tenant_id},
                   {"subscriptionId", md.subscription_id},
                   {"resourceGroupName", md.resource_group_name},
                   {"cloud", AzureCloudName(md.cloud)}};
  if (md.endpoints) {
    const auto& e = *md.endpoints;
    metadata["endpoints"] = {
        {"authenticationEndpoint", e.authentication_endpoint},
        {"resourceManagerEndpoint", e.resource_manager_endpoint},
        {"graphEndpoint", e.graph_endpoint},
        {"managementEndpoint", e.management_endpoint},
        {"storageEndpointSuffix", e.storage_endpoint_suffix},
        {"keyVaultSuffix", e.key_vault_suffix},
        {"metricsQueryAudience", e.metrics_query_audience},
        {"metricsClientAudience", e.metrics_client_audience},
        {"metricsBatchEndpoint", e.metrics_batch_endpoint},
        {"logAnalyticsEndpoint",
         e.log_analytics_endpoint ? json(*e.log_analytics_endpoint) : json(nullptr)}};
  }
  const auto& df = d.metric_defaults;
  json metrics = json::array();
  for (const auto& m : d.metrics) metrics.push_back(MetricJson(m, secret_keys));
  return {{"version", d.version},
          {"azureMetadata", std::move(metadata)},
          {"metricDefaults",
           {{"aggregation", {{"interval", Interval(df.aggregation_interval)}}},
            {"scraping", {{"schedule", df.schedule}}},
            {"limit", df.limit ? json(*df.limit) : json(nullptr)},
            {"labels", LabelsJson(df.labels)}}},
          {"metrics", std::move(metrics)}};
}

}  // namespace mensor::config

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "mensor/config/cron.hpp"

namespace mensor::config {

// A position in a configuration file; line/column are 1-based (0 = unknown).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

SourceLocation LocationOf(const std::string& file, const YAML::Node& node);

// Labels in declaration order (Promitor emits them in that order).
using Labels = std::vector<std::pair<std::string, std::string>>;

enum class AzureCloud { kGlobal, kChina, kUsGov, kCustom };
std::string_view AzureCloudName(AzureCloud cloud);

struct CloudEndpoints {
  std::string authentication_endpoint;
  std::string resource_manager_endpoint;
  std::string graph_endpoint;
  std::string management_endpoint;
  std::string storage_endpoint_suffix;
  std::string key_vault_suffix;
  std::string metrics_query_audience;
  std::string metrics_client_audience;
  std::optional<std::string> log_analytics_endpoint;
  std::string metrics_batch_endpoint;  // Mensor: getBatch URL template with {region}
};

struct AzureMetadata {
  std::string tenant_id;
  std::string subscription_id;
  std::string resource_group_name;
  AzureCloud cloud = AzureCloud::kGlobal;
  std::optional<CloudEndpoints> endpoints;  // only for kCustom
};

struct MetricDefaults {
  // Null when metricDefaults.aggregation is absent; 00:05:00 when it has no interval.
  std::optional<std::chrono::seconds> aggregation_interval;
  std::string schedule;
  std::optional<CronExpression> cron;
  std::optional<int> limit;
  Labels labels;
};

enum class AggregationType { kNone, kAverage, kCount, kMinimum, kMaximum, kTotal };
std::string_view AggregationTypeName(AggregationType type);

struct AzureMetricConfiguration {
  std::string metric_name;
  AggregationType aggregation_type = AggregationType::kAverage;
  std::optional<std::chrono::seconds> aggregation_interval;  // effective after defaults
  std::optional<int> limit;             // effective (query falls back to 10000)
  std::vector<std::string> dimensions;  // blank names dropped, de-duplicated; `dimension` folded in
};

struct LogAnalyticsConfiguration {
  std::string query;
  std::optional<std::chrono::seconds> aggregation_interval;  // effective after defaults
};

// One entry of metrics[].resources. Its keys belong to the resource-type plugin, so the raw node
// is kept for it; only the overrides every resource accepts are extracted.
struct ResourceEntry {
  YAML::Node node;
  SourceLocation location;
  std::optional<std::string> subscription_id_override;
  std::optional<std::string> resource_group_name_override;
  // Effective values (override, else azureMetadata).
  std::string subscription_id;
  std::string resource_group_name;
  // False when the loader's check against the resource type's schema found an error (already
  // reported), so the type's plugin is not asked about the entry.
  bool matches_schema = true;
};

struct MetricDefinition {
  std::string name;
  std::string description;
  std::string resource_type;  // validated against plugins by the caller (or via options)
  SourceLocation location;    // the metric's mapping
  SourceLocation resource_type_location;  // the resourceType value
  Labels labels;
  std::string schedule;  // effective (own or default), trimmed
  std::optional<CronExpression> cron;
  std::optional<AzureMetricConfiguration> azure_metric_configuration;
  std::optional<LogAnalyticsConfiguration> log_analytics_configuration;
  std::vector<ResourceEntry> resources;
  std::vector<std::string> resource_discovery_groups;
};

struct MetricsDeclaration {
  std::string source_file;
  std::string version = "v1";
  AzureMetadata azure_metadata;
  MetricDefaults metric_defaults;
  std::vector<MetricDefinition> metrics;
};

// For /api/v1/configuration/metric-declaration, defaults applied. Values of resource keys named
// in `secret_keys` (e.g. "rawValue" of a SAS token) are masked.
nlohmann::json ToJson(const MetricsDeclaration& declaration,
                      const std::vector<std::string>& secret_keys = {"rawValue"});

}  // namespace mensor::config

#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "mensor/config/declaration_loader.hpp"
#include "mensor/config/diagnostics.hpp"
#include "mensor/config/metrics_declaration.hpp"

namespace mensor::config::internal {

struct ParseContext {
  const std::string& file;
  Diagnostics& diagnostics;
  const DeclarationLoadOptions& options;
};

// A metric as written, before defaults, with the nodes later checks point at.
struct ParsedMetric {
  MetricDefinition metric;
  YAML::Node node;
  std::optional<YAML::Node> name_node;
  bool has_own_schedule = false;
  // logAnalyticsConfiguration.aggregation given without interval (defaults to 5 minutes).
  bool log_analytics_aggregation_without_interval = false;
};

AzureMetadata ParseAzureMetadata(const YAML::Node& node, ParseContext& context);
MetricDefaults ParseMetricDefaults(const YAML::Node& node, ParseContext& context);
ParsedMetric ParseMetric(const YAML::Node& node, ParseContext& context);

// Reads a `labels` mapping, checking names and that values are single values.
Labels ParseLabels(const YAML::Node& node, ParseContext& context);
// Reads `limit` and checks 1..10000 at the value's position.
std::optional<int> CheckedLimit(std::optional<long long> limit, const YAML::Node& at,
                                const std::string& key, ParseContext& context);

// Promitor's defaults application (§1.9) followed by the per-metric and cross-metric checks.
void ApplyDefaultsAndCheck(MetricsDeclaration& declaration, std::vector<ParsedMetric>& parsed,
                           ParseContext& context);

}  // namespace mensor::config::internal

// One entry of metrics[].
#include <algorithm>
#include <array>

#include "declaration_parts.hpp"
#include "mapping_reader.hpp"
#include "mensor/config/suggest.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config::internal {
namespace {

constexpr std::array<std::string_view, 6> kAggregationTypes = {"None",    "Average", "Count",
                                                               "Minimum", "Maximum", "Total"};

std::optional<std::string> DimensionName(const YAML::Node& node, ParseContext& context) {
  if (!ExpectKind(node, YAML::NodeType::Map, "a dimension", context.file, context.diagnostics)) {
    return std::nullopt;
  }
  MappingReader reader(node, "metrics.azureMetricConfiguration.dimensions", context.file,
                       context.diagnostics);
  return reader.String("name", true);
}

void AddDimension(std::vector<std::string>& dimensions, const std::optional<std::string>& name) {
  // Blank names are dropped and duplicates collapsed, as Promitor does.
  if (!name || name->find_first_not_of(" \t") == std::string::npos) return;
  if (std::find(dimensions.begin(), dimensions.end(), *name) == dimensions.end()) {
    dimensions.push_back(*name);
  }
}

AzureMetricConfiguration ParseAzureMetricConfiguration(const YAML::Node& node,
                                                       ParseContext& context) {
  MappingReader reader(node, "metrics.azureMetricConfiguration", context.file, context.diagnostics);
  AzureMetricConfiguration config;
  config.metric_name = reader.String("metricName", true).value_or("");
  const auto aggregation = reader.Mapping("aggregation", true);
  MappingReader aggregation_reader(aggregation.value_or(YAML::Node()),
                                   "metrics.azureMetricConfiguration.aggregation", context.file,
                                   context.diagnostics);
  if (const auto type = aggregation_reader.Enum("type", kAggregationTypes, true)) {
    config.aggregation_type = static_cast<AggregationType>(*type);
  }
  config.aggregation_interval = aggregation_reader.Duration("interval");
  if (const auto limit = reader.Get("limit")) {
    config.limit = CheckedLimit(reader.Integer("limit"), *limit, reader.Qualified("limit"), context);
  }
  const auto dimensions = reader.Sequence("dimensions", false);
  const auto dimension = reader.Mapping("dimension", false);
  if (dimensions && dimension) {
    reader.Error(node, "'dimensions' and 'dimension' cannot both be used; keep 'dimensions'");
  } else if (dimension) {
    reader.Warning(*dimension, "'dimension' is deprecated; use 'dimensions' (a list) instead");
    AddDimension(config.dimensions, DimensionName(*dimension, context));
  }
  if (dimensions) {
    for (const auto& item : *dimensions) {
      AddDimension(config.dimensions, DimensionName(item, context));
    }
  }
  return config;
}

LogAnalyticsConfiguration ParseLogAnalytics(const YAML::Node& node, ParsedMetric& parsed,
                                            ParseContext& context) {
  MappingReader reader(node, "metrics.logAnalyticsConfiguration", context.file,
                       context.diagnostics);
  LogAnalyticsConfiguration config;
  config.query = reader.String("query", true).value_or("");
  if (const auto aggregation = reader.Mapping("aggregation", false)) {
    MappingReader aggregation_reader(*aggregation, "metrics.logAnalyticsConfiguration.aggregation",
                                     context.file, context.diagnostics);
    config.aggregation_interval = aggregation_reader.Duration("interval");
    parsed.log_analytics_aggregation_without_interval = !aggregation_reader.Get("interval");
  }
  return config;
}

ResourceEntry ParseResource(const YAML::Node& node, ParseContext& context) {
  ResourceEntry entry;
  entry.node = node;
  entry.location = LocationOf(context.file, node);
  for (const auto& item : node) {
    const std::string key = item.first.Scalar();
    if (key != "subscriptionId" && key != "resourceGroupName") continue;
    if (!IsPresent(item.second)) continue;
    if (!item.second.IsScalar()) {
      context.diagnostics.Error(
          context.file, item.second.Mark(),
          "'" + key + "' must be a single value, not " + NodeKindName(item.second));
      continue;
    }
    // Empty values fall back to azureMetadata, like Promitor.
    if (item.second.Scalar().empty()) continue;
    (key == "subscriptionId" ? entry.subscription_id_override
                             : entry.resource_group_name_override) = item.second.Scalar();
  }
  return entry;
}

}  // namespace

ParsedMetric ParseMetric(const YAML::Node& node, ParseContext& context) {
  MappingReader reader(node, "metrics", context.file, context.diagnostics);
  ParsedMetric parsed;
  parsed.node = node;
  MetricDefinition& metric = parsed.metric;
  metric.location = LocationOf(context.file, node);
  parsed.name_node = reader.Scalar("name", true);
  if (parsed.name_node) metric.name = parsed.name_node->Scalar();
  metric.description = reader.String("description", true).value_or("");
  if (const auto type = reader.Scalar("resourceType", true)) {
    metric.resource_type = type->Scalar();
    metric.resource_type_location = LocationOf(context.file, *type);
    const auto& known = context.options.resource_types;
    if (metric.resource_type == "NotSpecified") {
      reader.Error(*type, "'resourceType' must name a resource type, not 'NotSpecified'");
    } else if (known &&
               std::find(known->begin(), known->end(), metric.resource_type) == known->end()) {
      std::string message = "'" + metric.resource_type +
                            "' is not a valid value for "
                            "'resourceType'";
      const auto suggestions = SuggestKeys(metric.resource_type, *known, true);
      if (!suggestions.empty()) {
        message += "; did you mean '" + suggestions.front() + "'?";
      } else if (known->empty()) {
        message += "; no resource type plugin is loaded";
      } else {
        // Nothing close: list what the loaded plugins offer instead.
        message += "; the available resource types are: ";
        for (size_t i = 0; i < known->size(); ++i) message += (i ? ", " : "") + (*known)[i];
      }
      reader.Error(*type, message);
    }
  }
  if (const auto labels = reader.Mapping("labels", false)) {
    metric.labels = ParseLabels(*labels, context);
  }
  if (const auto scraping = reader.Mapping("scraping", false)) {
    MappingReader scraping_reader(*scraping, "metrics.scraping", context.file, context.diagnostics);
    parsed.has_own_schedule = true;
    metric.cron = scraping_reader.Cron("schedule", true);
    if (metric.cron) metric.schedule = metric.cron->Text();
  }
  if (const auto config = reader.Mapping("azureMetricConfiguration", false)) {
    metric.azure_metric_configuration = ParseAzureMetricConfiguration(*config, context);
  }
  if (const auto config = reader.Mapping("logAnalyticsConfiguration", false)) {
    metric.log_analytics_configuration = ParseLogAnalytics(*config, parsed, context);
  }
  if (const auto resources = reader.Sequence("resources", false)) {
    for (const auto& item : *resources) {
      if (ExpectKind(item, YAML::NodeType::Map, "each entry of 'resources'", context.file,
                     context.diagnostics)) {
        metric.resources.push_back(ParseResource(item, context));
      }
    }
  }
  if (const auto groups = reader.Sequence("resourceDiscoveryGroups", false)) {
    for (const auto& item : *groups) {
      if (!ExpectKind(item, YAML::NodeType::Map, "each entry of 'resourceDiscoveryGroups'",
                      context.file, context.diagnostics)) {
        continue;
      }
      MappingReader group(item, "metrics.resourceDiscoveryGroups", context.file,
                          context.diagnostics);
      if (auto name = group.String("name", true)) {
        metric.resource_discovery_groups.push_back(*std::move(name));
      }
    }
  }
  return parsed;
}

}  // namespace mensor::config::internal

// Defaults application (promitor-compat.md §1.9) and the checks that need no plugin (§1.10).
#include <map>

#include "declaration_parts.hpp"
#include "mensor/config/declaration_keys.hpp"
#include "mensor/config/key_spec.hpp"

namespace mensor::config::internal {
namespace {

void Error(ParseContext& context, const YAML::Node& at, std::string message) {
  context.diagnostics.Error(context.file, at.Mark(), std::move(message));
}

void Warning(ParseContext& context, const YAML::Node& at, std::string message) {
  context.diagnostics.Warning(context.file, at.Mark(), std::move(message));
}

void ApplyDefaults(const MetricsDeclaration& declaration, ParsedMetric& parsed) {
  const MetricDefaults& defaults = declaration.metric_defaults;
  MetricDefinition& metric = parsed.metric;
  if (auto& azure = metric.azure_metric_configuration) {
    if (!azure->aggregation_interval) azure->aggregation_interval = defaults.aggregation_interval;
    if (!azure->limit) azure->limit = defaults.limit;
  }
  if (!parsed.has_own_schedule) {
    metric.schedule = defaults.schedule;
    metric.cron = defaults.cron;
  }
  if (auto& log_analytics = metric.log_analytics_configuration) {
    if (!log_analytics->aggregation_interval) {
      log_analytics->aggregation_interval = parsed.log_analytics_aggregation_without_interval
                                                ? std::optional(std::chrono::seconds(300))
                                                : defaults.aggregation_interval;
    }
  }
  for (auto& resource : metric.resources) {
    resource.subscription_id =
        resource.subscription_id_override.value_or(declaration.azure_metadata.subscription_id);
    resource.resource_group_name = resource.resource_group_name_override.value_or(
        declaration.azure_metadata.resource_group_name);
  }
}

void CheckMetric(const MetricsDeclaration& declaration, ParsedMetric& parsed,
                 ParseContext& context) {
  const MetricDefinition& metric = parsed.metric;
  if (parsed.name_node && !IsValidMetricName(metric.name)) {
    Error(context, *parsed.name_node,
          "'" + metric.name +
              "' is not a valid value for 'name'; expected a Prometheus metric "
              "name (letters, digits, '_' and ':', not starting with a digit)");
  }
  const bool log_analytics = metric.resource_type == "LogAnalytics";
  if (log_analytics) {
    if (!metric.log_analytics_configuration) {
      Error(context, parsed.node,
            "'logAnalyticsConfiguration' is required for resource type "
            "'LogAnalytics'");
    } else if (!metric.log_analytics_configuration->aggregation_interval) {
      Error(context, parsed.node,
            "no aggregation interval for this metric: set "
            "'logAnalyticsConfiguration.aggregation.interval' or "
            "'metricDefaults.aggregation.interval'");
    }
    if (metric.azure_metric_configuration) {
      Warning(context, parsed.node,
              "'azureMetricConfiguration' is ignored for resource type "
              "'LogAnalytics'");
    }
    if (declaration.azure_metadata.endpoints &&
        !declaration.azure_metadata.endpoints->log_analytics_endpoint) {
      Error(context, parsed.node,
            "the Custom cloud needs 'endpoints.logAnalyticsEndpoint' because "
            "this metric uses resource type 'LogAnalytics'");
    }
  } else if (!metric.resource_type.empty()) {
    if (!metric.azure_metric_configuration) {
      Error(context, parsed.node,
            "'azureMetricConfiguration' is required for resource type '" + metric.resource_type +
                "'");
    } else if (!metric.azure_metric_configuration->aggregation_interval) {
      Error(context, parsed.node,
            "no aggregation interval for this metric: set "
            "'azureMetricConfiguration.aggregation.interval' or "
            "'metricDefaults.aggregation.interval'");
    }
    if (metric.log_analytics_configuration) {
      Warning(context, parsed.node,
              "'logAnalyticsConfiguration' is ignored for resource type '" + metric.resource_type +
                  "'");
    }
  }
  if (metric.resources.empty() && metric.resource_discovery_groups.empty()) {
    Error(context, parsed.node,
          "the metric needs 'resources' or 'resourceDiscoveryGroups' (or "
          "both) with at least one entry");
  }
  if (context.options.resource_schema && !metric.resource_type.empty()) {
    if (const auto schema = context.options.resource_schema(metric.resource_type)) {
      for (auto& resource : parsed.metric.resources) {
        const std::size_t errors_before = context.diagnostics.ErrorCount();
        ValidateMapping(resource.node, context.file, *schema, ResourceOverrideKeys(),
                        "resource of type '" + metric.resource_type + "'", context.diagnostics);
        resource.matches_schema = context.diagnostics.ErrorCount() == errors_before;
      }
    }
  }
}

}  // namespace

void ApplyDefaultsAndCheck(MetricsDeclaration& declaration, std::vector<ParsedMetric>& parsed,
                           ParseContext& context) {
  std::map<std::string, int> first_line;  // name -> line of its first declaration
  for (auto& metric : parsed) {
    ApplyDefaults(declaration, metric);
    CheckMetric(declaration, metric, context);
    if (metric.name_node) {
      const auto [it, inserted] =
          first_line.emplace(metric.metric.name, metric.name_node->Mark().line + 1);
      if (!inserted) {
        Error(context, *metric.name_node,
              "metric name '" + metric.metric.name + "' is already declared on line " +
                  std::to_string(it->second) + "; names must be unique");
      }
    }
    declaration.metrics.push_back(std::move(metric.metric));
  }
}

}  // namespace mensor::config::internal

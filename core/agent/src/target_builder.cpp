#include "mensor/agent/target_builder.hpp"

#include "mensor/azure/filter.hpp"
#include "mensor/azure/resource_id.hpp"
#include "mensor/config/declaration_keys.hpp"
#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/detail/config.hpp"
#include "mensor/plugin/detail/results.hpp"

namespace mensor::agent {
namespace {

// Promitor sends top=10000 when no limit is set: Azure's own default (10 series) would silently
// cut multi-dimensional answers.
constexpr int kDefaultTop = 10000;

mensor_str View(const std::string& text) { return {text.data(), text.size()}; }

azure::Aggregation ToAggregation(config::AggregationType type) {
  switch (type) {
    case config::AggregationType::kNone:
      return azure::Aggregation::kNone;
    case config::AggregationType::kAverage:
      return azure::Aggregation::kAverage;
    case config::AggregationType::kCount:
      return azure::Aggregation::kCount;
    case config::AggregationType::kMinimum:
      return azure::Aggregation::kMinimum;
    case config::AggregationType::kMaximum:
      return azure::Aggregation::kMaximum;
    case config::AggregationType::kTotal:
      return azure::Aggregation::kTotal;
  }
  return azure::Aggregation::kAverage;
}

int32_t ToAbiAggregation(config::AggregationType type) {
  return static_cast<int32_t>(ToAggregation(type));  // both enums follow abi.h's order
}

// Reports from a plugin land at the key they name, else at the resource entry.
mensor_call::ReportFn ReporterFor(const config::ResourceEntry& entry,
                                  config::Diagnostics& diagnostics) {
  return [&entry, &diagnostics](int severity, const char* key, std::string message) {
    config::Diagnostic diagnostic;
    diagnostic.severity =
        severity == MENSOR_SEVERITY_ERROR ? config::Severity::kError : config::Severity::kWarning;
    diagnostic.message = std::move(message);
    config::SourceLocation location = entry.location;
    if (key != nullptr && entry.node.IsMap() && entry.node[key]) {
      location = config::LocationOf(entry.location.file, entry.node[key]);
    }
    diagnostic.file = location.file;
    diagnostic.line = location.line;
    diagnostic.column = location.column;
    diagnostics.Add(std::move(diagnostic));
  };
}

void AddCallError(const config::ResourceEntry& entry, const mensor_call& call, const char* what,
                  config::Diagnostics& diagnostics) {
  config::Diagnostic diagnostic;
  diagnostic.file = entry.location.file;
  diagnostic.line = entry.location.line;
  diagnostic.column = entry.location.column;
  diagnostic.message =
      std::string(what) + ": " +
      (call.error_message.empty() ? "the plugin reported an error" : call.error_message);
  diagnostics.Add(std::move(diagnostic));
}

}  // namespace

std::vector<ScrapeTarget> BuildTargets(const config::MetricsDeclaration& declaration,
                                       const plugin::PluginRegistry& registry,
                                       config::Diagnostics& diagnostics) {
  std::vector<ScrapeTarget> targets;
  size_t resource_count = 0;
  for (const auto& metric : declaration.metrics) resource_count += metric.resources.size();
  targets.reserve(resource_count);
  const config::AzureMetadata& metadata = declaration.azure_metadata;
  for (const config::MetricDefinition& metric : declaration.metrics) {
    const auto type = registry.FindResourceType(metric.resource_type);
    const config::AzureMetricConfiguration* azure_metric =
        metric.azure_metric_configuration ? &*metric.azure_metric_configuration : nullptr;
    const config::LogAnalyticsConfiguration* log_analytics =
        metric.log_analytics_configuration ? &*metric.log_analytics_configuration : nullptr;
    // LogAnalytics has only logAnalyticsConfiguration; every other type azureMetricConfiguration.
    if (metric.resource_type != "LogAnalytics") log_analytics = nullptr;
    if (!type || (!azure_metric && !log_analytics)) continue;
    static const config::AzureMetricConfiguration kNoAzureMetric{};
    const config::AzureMetricConfiguration& azure = azure_metric ? *azure_metric : kNoAzureMetric;
    std::vector<mensor_str> dimension_views;
    for (const auto& dimension : azure.dimensions) dimension_views.push_back(View(dimension));
    std::chrono::seconds interval = std::chrono::minutes(5);
    if (log_analytics && log_analytics->aggregation_interval) {
      interval = *log_analytics->aggregation_interval;
    } else if (azure.aggregation_interval) {
      interval = *azure.aggregation_interval;
    }

    for (const config::ResourceEntry& entry : metric.resources) {
      mensor_metric_info info{};
      info.struct_size = sizeof(info);
      info.name = View(metric.name);
      info.azure_metric_name = View(azure.metric_name);
      info.aggregation = ToAbiAggregation(azure.aggregation_type);
      info.dimensions = dimension_views.data();
      info.dimension_count = dimension_views.size();
      info.subscription_id = View(entry.subscription_id);
      info.resource_group = View(entry.resource_group_name);
      info.tenant_id = View(metadata.tenant_id);

      // An entry its schema already rejected (reported by the loader) is not shown to the plugin:
      // its validate() would only repeat the same problem in other words.
      if (!entry.matches_schema) continue;
      mensor_config resource_config(entry.node, entry.location.file, false, type->desc.config);
      mensor_call validate_call;
      validate_call.report = ReporterFor(entry, diagnostics);
      const size_t errors_before = diagnostics.ErrorCount();
      const mensor_status valid = type->desc.validate(&resource_config, &info, &validate_call);
      if (valid != MENSOR_OK) {
        if (diagnostics.ErrorCount() == errors_before) {
          AddCallError(entry, validate_call, "invalid resource", diagnostics);
        }
        continue;
      }

      mensor_target described;
      described.dimensions = azure.dimensions;
      mensor_call describe_call;
      describe_call.report = ReporterFor(entry, diagnostics);
      if (type->desc.describe(&resource_config, &info, &describe_call, &described) != MENSOR_OK ||
          described.provider_path.empty()) {
        AddCallError(entry, describe_call, "cannot resolve the resource", diagnostics);
        continue;
      }

      ScrapeTarget target;
      target.metric_name = metric.name;
      target.description = metric.description;
      target.resource_type = metric.resource_type;
      target.schedule = metric.cron;
      target.labels.resource_uri = azure::BuildResourceUri(
          entry.subscription_id, entry.resource_group_name, described.provider_path);
      target.azure_metric_name = azure.metric_name;
      target.aggregation = ToAggregation(azure.aggregation_type);
      target.interval = interval;
      target.dimensions = described.dimensions;
      if (type->desc.collect != nullptr) {
        // Read by the plugin, not Azure Monitor: no filter, no top.
        target.collect = type->desc.collect;
        target.properties = std::move(described.properties);
        if (log_analytics) target.query = log_analytics->query;
      } else {
        target.filter = azure::BuildFilter(target.dimensions, described.filter);
        if (!target.filter.empty()) target.top = azure.limit.value_or(kDefaultTop);
      }
      target.first_dimension_label = described.first_dimension_label;
      target.labels.resource_group = entry.resource_group_name;
      target.labels.subscription_id = entry.subscription_id;
      target.labels.instance_name = described.instance_name;
      target.labels.scraper_labels = described.labels;
      target.labels.metric_labels = metric.labels;
      target.labels.default_labels = declaration.metric_defaults.labels;
      target.labels.tenant_id = metadata.tenant_id;
      targets.push_back(std::move(target));
    }
  }
  return targets;
}

}  // namespace mensor::agent

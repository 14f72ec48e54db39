#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <mensor/abi.h>

#include "mensor/agent/label_composer.hpp"
#include "mensor/azure/aggregation.hpp"
#include "mensor/config/cron.hpp"

namespace mensor::agent {

/// One (metric, resource) pair, resolved once at start-up from the declaration and the resource
/// type plugin's describe(): everything a scrape needs without touching configuration again.
struct ScrapeTarget {
  std::string metric_name;  // exported name
  std::string description;
  std::string resource_type;  // resourceType, e.g. ServiceBusNamespace
  std::optional<config::CronExpression> schedule;

  std::string azure_metric_name;
  azure::Aggregation aggregation = azure::Aggregation::kAverage;
  std::chrono::seconds interval{300};
  std::string filter;  // dimensions and the resource's own filter, merged
  std::vector<std::string> dimensions;
  std::optional<int> top;
  std::string first_dimension_label;  // e.g. entity_name; empty = dimension names as returned

  LabelSources labels;  // dimension_labels left empty: they come with each series

  // Set for resource types read by their plugin's collect() (since ABI 1.1: Storage queues,
  // Log Analytics) instead of through Azure Monitor metrics.
  decltype(mensor_resource_type_desc::collect) collect = nullptr;
  std::string query;  // logAnalyticsConfiguration.query
  // What describe() kept for collect(); may hold secrets (a SAS token), so never logged.
  std::vector<std::pair<std::string, std::string>> properties;

  /// subscriptions/.../providers/..., no leading slash; kept once, as the resource_uri label.
  const std::string& resource_uri() const { return labels.resource_uri; }
};

/// A measured value as the host hands it to sinks.
struct MeasuredSample {
  std::string name;
  std::string description;
  bool has_value = false;
  double value = 0;
  int64_t timestamp_unix_ns = 0;
  LabelList labels;
  bool counter = false;  // a monotonically increasing total rather than a gauge
};

}  // namespace mensor::agent

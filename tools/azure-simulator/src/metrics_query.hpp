// Strict parsing and validation of the ARM metrics query string, before any data is generated.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "filter_parser.hpp"
#include "http_types.hpp"
#include "iso8601.hpp"
#include "resource_types.hpp"

namespace mensor::sim {

enum class ArmOperation { kMetrics, kMetricDefinitions, kMetricNamespaces };

struct OrderBy {
  Aggregation aggregation;
  bool descending = false;
};

struct MetricsQuery {
  std::vector<const MetricDefinition*> metrics;
  std::vector<Aggregation> aggregations;  // Empty: each metric's primary aggregation.
  TimeRange range;
  bool full_interval = false;
  std::chrono::seconds interval{60};  // For FULL: the whole range.
  std::optional<MetricFilter> filter;
  bool validate_dimensions = true;
  int top = 10;
  std::optional<OrderBy> order_by;
  bool metadata_only = false;

  std::vector<Aggregation> AggregationsFor(const MetricDefinition& metric) const;
};

// Throws ApiError (wrapped MissingApiVersionParameter / InvalidApiVersionParameter).
void ValidateApiVersion(const FieldList& query, ArmOperation operation);

// Throws ApiError (flat 400 BadRequest) with an Azure-style message.
MetricsQuery ParseMetricsQuery(const FieldList& query, const ResourceType& type, TimePoint now);

// Throws ApiError (flat 400) when `metricnamespace` names another namespace.
void ValidateMetricNamespace(const FieldList& query, const ResourceType& type);

}  // namespace mensor::sim

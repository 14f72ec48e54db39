#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mensor/azure/aggregation.hpp"
#include "mensor/azure/result.hpp"

namespace mensor::azure {

// One entry of `GET {resourceUri}/providers/Microsoft.Insights/metricDefinitions`.
struct MetricDefinition {
  std::string name;          // name.value
  std::string display_name;  // name.localizedValue
  std::string namespace_;
  std::string unit;
  std::optional<Aggregation> primary_aggregation;
  std::vector<Aggregation> supported_aggregations;  // unknown names are skipped
  std::vector<std::chrono::seconds> time_grains;    // metricAvailabilities[].timeGrain
  std::vector<std::string> dimensions;              // dimensions[].value
  bool is_dimension_required = false;
};

// Fails (never throws) on invalid JSON, a missing `value` array or wrongly typed members.
// Unparsable time grains and unknown aggregation names are skipped rather than failing the
// whole definition list, since Azure may add new ones.
Result<std::vector<MetricDefinition>> ParseMetricDefinitions(std::string_view body);

// Case-insensitive lookup by metric name (Promitor matches names case-insensitively).
const MetricDefinition* FindDefinition(std::span<const MetricDefinition> definitions,
                                       std::string_view name);

// The requested grain if the metric supports it, otherwise the supported grain closest to it
// (absolute difference; the first in Azure's order on ties), as Promitor does (§6.2 step 3).
// nullopt when the definition lists no grains.
std::optional<std::chrono::seconds> ChooseTimeGrain(const MetricDefinition& definition,
                                                    std::chrono::seconds requested);

}  // namespace mensor::azure

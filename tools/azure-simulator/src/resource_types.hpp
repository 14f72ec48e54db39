// The catalogue of simulated resource types. Adding a type means adding a row in
// resource_types.cpp: its namespace, metric definitions and dimension values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::sim {

enum class Aggregation { kAverage, kMinimum, kMaximum, kTotal, kCount };

std::string_view AggregationName(Aggregation aggregation);           // "Average"
std::string_view AggregationJsonField(Aggregation aggregation);      // "average"
std::optional<Aggregation> ParseAggregation(std::string_view text);  // Case-insensitive.

// How synthetic per-minute samples are drawn: a per-series base in [base_min, base_max) plus a
// per-minute jitter in [0, jitter).
struct SampleProfile {
  double base_min;
  double base_max;
  double jitter;
};

struct MetricDefinition {
  std::string name;
  std::string display_name;
  std::string description;
  std::string unit;
  Aggregation primary;
  std::vector<Aggregation> supported;
  std::vector<std::string> dimensions;
  SampleProfile profile;

  bool Supports(Aggregation aggregation) const;
  bool HasDimension(std::string_view dimension) const;
};

struct DimensionValues {
  std::string dimension;
  std::vector<std::string> values;
};

struct ResourceType {
  std::string type;  // "Microsoft.ServiceBus/namespaces"
  std::string category;
  // The dimension whose values are the resource's entities (queues, topics, …), if any.
  std::string entity_dimension;
  std::vector<std::string> default_entities;
  // Values of the other dimensions; the first value is the "normal" one.
  std::vector<DimensionValues> fixed_dimension_values;
  std::vector<MetricDefinition> metrics;

  const MetricDefinition* FindMetric(std::string_view name) const;  // Case-insensitive.
  const std::vector<std::string>* FixedValues(std::string_view dimension) const;
};

// The simulated Azure Monitor types other than Service Bus (resource_catalogue.cpp).
std::vector<ResourceType> AzureMonitorTypes();

const std::vector<std::string>& SupportedTimeGrains();        // PT1M … P1D
const ResourceType* FindResourceType(std::string_view type);  // Case-insensitive.
std::string KnownResourceTypeList();                          // For error messages.

}  // namespace mensor::sim

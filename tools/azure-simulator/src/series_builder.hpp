// Turns a validated metrics query into the `value[]` entries of the ARM metrics response:
// one time series per selected dimension combination, buckets aligned to the interval, and the
// bucket that contains "now" left without aggregates because Azure is still filling it.
#pragma once

#include <string_view>

#include "json_text.hpp"
#include "metrics_query.hpp"
#include "world.hpp"

namespace mensor::sim {

struct SeriesContext {
  const World& world;
  const ResourceType& type;
  const ResourceState& resource;
  std::string_view resource_id;  // As requested, for the metric `id`.
  TimePoint now;
};

// Writes the metric entry; adds the number of data points produced to `cost`.
void WriteMetricValue(JsonText& json, const SeriesContext& context, const MetricsQuery& query,
                      const MetricDefinition& metric, long long& cost);

// The entry Azure gives an id it has no data for (a resource of another region): no series.
void WriteEmptyMetricValue(JsonText& json, std::string_view resource_id,
                           const MetricDefinition& metric);

}  // namespace mensor::sim

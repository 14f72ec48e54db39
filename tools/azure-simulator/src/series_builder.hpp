// Turns a validated metrics query into the `value[]` entries of the ARM metrics response:
// one time series per selected dimension combination, buckets aligned to the interval, and the
// bucket that contains "now" left without aggregates because Azure is still filling it.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

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

// Returns the metric entry; adds the number of data points produced to `cost`.
nlohmann::json BuildMetricValue(const SeriesContext& context, const MetricsQuery& query,
                                const MetricDefinition& metric, long long& cost);

}  // namespace mensor::sim

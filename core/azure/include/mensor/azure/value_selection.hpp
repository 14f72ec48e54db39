#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mensor/azure/aggregation.hpp"
#include "mensor/azure/metrics_response.hpp"

namespace mensor::azure {

struct SelectedValue {
  double value = 0;
  TimePoint bucket_start;
};

// The point's field for `aggregation`; nullopt when absent. kNone gives 0 (Promitor).
std::optional<double> GetAggregate(const DataPoint& point, Aggregation aggregation);

// The newest complete bucket that carries the aggregation. A bucket is complete when
// `timestamp + interval <= now`; the bucket still filling is skipped, and so are buckets without
// the field (Azure's empty bucket has only `timeStamp`). Promitor instead reads the newest
// bucket whatever its state and reports NaN or a dip to 0 (issue #2154). Points need not be
// sorted. kNone yields 0 at the newest complete bucket. nullopt when nothing qualifies: the
// caller reports "no metric information", as Promitor does.
// Pass the interval Azure answered with (MetricsResponse::interval) when it differs from the
// requested one: Azure may adjust the grain.
std::optional<SelectedValue> SelectValue(const TimeSeries& series, Aggregation aggregation,
                                         std::chrono::seconds interval, TimePoint now);

// The series' value for a dimension, matched case-insensitively because Azure lower-cases
// dimension names in the response. nullptr when the series has no such dimension.
const std::string* FindDimensionValue(const TimeSeries& series, std::string_view dimension);

// Labels for the requested dimensions, in the requested order and spelling:
// {(requested name, series value)}. nullopt when a requested dimension is missing from the
// series metadata (the caller drops that series, like Promitor's legacy path). Empty values are
// passed through.
std::optional<std::vector<std::pair<std::string, std::string>>> ExtractDimensionLabels(
    const TimeSeries& series, std::span<const std::string> requested_dimensions);

}  // namespace mensor::azure

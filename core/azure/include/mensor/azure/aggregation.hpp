#pragma once

#include <optional>
#include <string_view>

namespace mensor::azure {

// Promitor's `aggregation.type`. kNone is never sent to Azure (see BuildMetricsUrl) and always
// reports 0, matching Promitor.
enum class Aggregation { kNone, kAverage, kCount, kMinimum, kMaximum, kTotal };

// Promitor/.NET spelling: "None", "Average", "Count", "Minimum", "Maximum", "Total".
std::string_view ToString(Aggregation aggregation);

// Azure query/JSON field spelling: "average", "count", ...; "" for kNone.
std::string_view ToQueryName(Aggregation aggregation);

// Case-insensitive; accepts the names above (Azure matches them case-insensitively too).
std::optional<Aggregation> ParseAggregation(std::string_view text);

}  // namespace mensor::azure

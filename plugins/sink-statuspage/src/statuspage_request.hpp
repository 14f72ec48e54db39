// Atlassian Statuspage system metrics API: the request Promitor sends for one value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::statuspage {

/// {base}/v1/pages/{pageId}/metrics/{metricId}/data, ids percent-encoded.
std::string DataPointUrl(std::string_view base, std::string_view page_id,
                         std::string_view metric_id);

/// {"data":{"timestamp":<unix seconds>,"value":<value>}}; nullopt for NaN and infinities, which
/// JSON cannot carry.
std::optional<std::string> DataPointBody(int64_t unix_seconds, double value);

}  // namespace mensor::statuspage

// Timeouts in configuration: "10s", "500ms", "2m", "1h", or a .NET time span "00:00:10".
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace mensor::sinks {

/// nullopt when `text` is none of the accepted forms or not positive.
std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace mensor::sinks

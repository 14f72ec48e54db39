#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::config {

// Parses the forms .NET TimeSpan.TryParse accepts with the invariant culture, since Promitor
// users write intervals that way: "hh:mm", "hh:mm:ss", "d.hh:mm[:ss]", "d:hh:mm:ss", an optional
// ".fffffff" fraction after the seconds, a bare integer meaning days, an optional leading '-'.
// Hours must be 0-23 and minutes/seconds 0-59. Fractions of a second are truncated.
std::optional<std::chrono::seconds> ParseTimeSpan(std::string_view text);

// "hh:mm:ss", or "d.hh:mm:ss" from one day on (the .NET "c" format), '-' prefix when negative.
std::string FormatTimeSpan(std::chrono::seconds value);

}  // namespace mensor::config

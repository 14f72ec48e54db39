// ISO-8601 durations, timestamps and time intervals as Azure Monitor uses them.
//
// Deliberately not shared with core/azure: the simulator is the agent's test oracle, and a parser
// both sides shared would let them agree on a mistake instead of catching it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http_types.hpp"

namespace mensor::sim {

// Days, hours, minutes and (fractional, truncated) seconds; weeks too. Years and months have no
// fixed length, so they are rejected rather than guessed.
std::optional<std::chrono::seconds> ParseIsoDuration(std::string_view text);
// Canonical form: "PT1M", "PT4H", "P1D", "P1DT2H30M".
std::string FormatIsoDuration(std::chrono::seconds duration);

// "2021-04-20T09:00:00Z", "…T09:00:00.0000000Z", "…T11:00:00+02:00"; no offset means UTC.
std::optional<TimePoint> ParseIsoTimestamp(std::string_view text);
std::string FormatIsoTimestamp(TimePoint time);    // 2021-04-20T09:00:00Z
std::string FormatEntraTimestamp(TimePoint time);  // 2021-04-20 09:00:00Z
std::string FormatHttpDate(TimePoint time);        // Tue, 20 Apr 2021 09:00:00 GMT
std::string FormatUsTimestamp(TimePoint time);     // 4/20/2021 9:00:00 AM (ARM messages)

struct TimeRange {
  TimePoint start;
  TimePoint end;
  std::chrono::seconds length() const { return end - start; }
};

// Accepts "start/end", "start/duration", "duration/end" and a bare "duration" (ending now).
// Throws std::invalid_argument with a message fit for a 400 body.
TimeRange ParseTimespan(std::string_view text, TimePoint now);

TimePoint FloorTo(TimePoint time, std::chrono::seconds grain);

}  // namespace mensor::sim

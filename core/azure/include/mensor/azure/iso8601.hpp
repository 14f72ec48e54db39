#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::azure {

using TimePoint = std::chrono::system_clock::time_point;

// Formats a grain the way Azure spells it: PT1M, PT5M, PT1H, P1D, P1DT1H1M1S, PT0S. Whole days
// go in the date part because Azure's grain list uses P1D, not PT24H. Negative durations get a
// leading '-' (never sent to Azure; only for logs).
std::string FormatDuration(std::chrono::seconds duration);

// Parses P[nW][nD][T[nH][nM][n[.fff]S]] (letters case-insensitive). Fractions of a second are
// truncated. Years and months are rejected because their length is not fixed. Azure's special
// interval `FULL` is not a duration and yields nullopt, as does anything overflowing ~100 years.
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

// 2021-04-20T09:00:00.000Z: UTC, millisecond precision, the form the .NET SDK sends in
// `timespan` and that getBatch expects for starttime/endtime (yyyy-MM-ddTHH:mm:ss.fffZ).
std::string FormatTimestamp(TimePoint time);

// Parses Azure's `timeStamp` (2021-04-20T09:00:00Z), with or without fractional seconds (any
// number of digits), with `Z`, a `±hh:mm` offset, or no zone (taken as UTC). Pure arithmetic: no
// locale, TZ environment or libc time functions are involved.
std::optional<TimePoint> ParseTimestamp(std::string_view text);

// `start/end` as used by the ARM `timespan` parameter.
std::string FormatTimespan(TimePoint start, TimePoint end);

}  // namespace mensor::azure

#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::config {

// A cron schedule as Promitor accepts it (Cronos): 5 fields "min hour dom month dow" or 6 fields
// with seconds first. Supports '*', lists, ranges, steps ("*/5", "1-10/2", "5/15"), month and
// weekday names, Quartz '?' (same as '*', day fields only), Sunday as 0 or 7, and the macros
// @yearly @annually @monthly @weekly @daily @midnight @hourly @every_minute @every_second.
// Not supported: Quartz 'L', 'W', '#'.
//
// Day matching follows Vixie cron: when both day-of-month and day-of-week are restricted (neither
// starts with '*' or '?'), a day matches if either matches; otherwise both must match.
class CronExpression {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  // On failure returns nullopt and, if `error` is given, a human-readable reason.
  static std::optional<CronExpression> Parse(std::string_view text, std::string* error = nullptr);

  // First fire time (UTC, whole seconds) strictly after `after`; nullopt if none within 400
  // years, which only happens for schedules that can never fire.
  std::optional<TimePoint> Next(TimePoint after) const;

  // Whether `time` (UTC, truncated to the second) is a fire time.
  bool Matches(TimePoint time) const;

  // The expression as written (trimmed).
  const std::string& Text() const { return text_; }
  bool HasSeconds() const { return has_seconds_; }

 private:
  CronExpression() = default;
  bool DayMatches(unsigned day_of_month, unsigned weekday) const;
  // Earliest second-of-day >= `from` that matches the time fields, or -1.
  int FirstTimeOfDay(int from) const;

  std::string text_;
  bool has_seconds_ = false;
  std::uint64_t seconds_ = 0;
  std::uint64_t minutes_ = 0;
  std::uint64_t hours_ = 0;
  std::uint64_t days_of_month_ = 0;
  std::uint64_t months_ = 0;
  std::uint64_t days_of_week_ = 0;  // bit 0 = Sunday
  bool dom_star_ = false;
  bool dow_star_ = false;
};

}  // namespace mensor::config

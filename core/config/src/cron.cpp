#include "mensor/config/cron.hpp"

#include <array>
#include <bit>
#include <utility>
#include <vector>

#include "cron_field.hpp"
#include "mensor/config/suggest.hpp"

namespace mensor::config {
namespace {

using internal::CronFieldSpec;
using internal::ParseCronField;

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED",
                                                       "THU", "FRI", "SAT"};

const CronFieldSpec kSecondSpec{"seconds", 0, 59, {}, false};
const CronFieldSpec kMinuteSpec{"minutes", 0, 59, {}, false};
const CronFieldSpec kHourSpec{"hours", 0, 23, {}, false};
const CronFieldSpec kDomSpec{"day-of-month", 1, 31, {}, true};
const CronFieldSpec kMonthSpec{"month", 1, 12, kMonthNames, false};
const CronFieldSpec kDowSpec{"day-of-week", 0, 7, kDayNames, true};

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kMacros = {{
    {"@yearly", "0 0 1 1 *"},
    {"@annually", "0 0 1 1 *"},
    {"@monthly", "0 0 1 * *"},
    {"@weekly", "0 0 * * 0"},
    {"@daily", "0 0 * * *"},
    {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"},
    {"@every_minute", "* * * * *"},
    {"@every_second", "* * * * * *"},
}};

// The longest month each month can have (February in leap years).
constexpr std::array<int, 13> kMaxDaysInMonth = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

std::vector<std::string_view> SplitFields(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

int NextBit(std::uint64_t bits, int from, int max) {
  if (from > max) return -1;
  const std::uint64_t masked = bits & (~std::uint64_t{0} << from);
  if (masked == 0) return -1;
  const int bit = std::countr_zero(masked);
  return bit <= max ? bit : -1;
}

bool Has(std::uint64_t bits, unsigned bit) { return (bits >> bit) & 1u; }

}  // namespace

std::optional<CronExpression> CronExpression::Parse(std::string_view text, std::string* error) {
  std::string scratch;
  std::string& message = error ? *error : scratch;
  CronExpression cron;
  std::vector<std::string_view> fields = SplitFields(text);
  if (!fields.empty())
    cron.text_ = std::string(fields.front().data(), fields.back().data() + fields.back().size());
  if (fields.size() == 1 && fields[0].starts_with('@')) {
    for (const auto& [name, expansion] : kMacros) {
      if (EqualsIgnoreCase(fields[0], name)) fields = SplitFields(expansion);
    }
    if (fields.size() == 1) {
      message = "unknown macro '" + std::string(fields[0]) + "'";
      return std::nullopt;
    }
  }
  if (fields.size() != 5 && fields.size() != 6) {
    message =
        "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds "
        "first, found " +
        std::to_string(fields.size());
    return std::nullopt;
  }
  cron.has_seconds_ = fields.size() == 6;
  std::size_t i = 0;
  bool unused_star = false;
  if (cron.has_seconds_) {
    if (!ParseCronField(fields[i++], kSecondSpec, &cron.seconds_, &unused_star, &message)) {
      return std::nullopt;
    }
  } else {
    cron.seconds_ = 1;  // second 0
  }
  if (!ParseCronField(fields[i++], kMinuteSpec, &cron.minutes_, &unused_star, &message) ||
      !ParseCronField(fields[i++], kHourSpec, &cron.hours_, &unused_star, &message) ||
      !ParseCronField(fields[i++], kDomSpec, &cron.days_of_month_, &cron.dom_star_, &message) ||
      !ParseCronField(fields[i++], kMonthSpec, &cron.months_, &unused_star, &message) ||
      !ParseCronField(fields[i++], kDowSpec, &cron.days_of_week_, &cron.dow_star_, &message)) {
    return std::nullopt;
  }
  if (Has(cron.days_of_week_, 7)) cron.days_of_week_ = (cron.days_of_week_ & 0x7f) | 1u;

  // Reject schedules that can never fire (e.g. "0 0 30 2 *") instead of silently never running.
  // Only day-of-month alone can be impossible: with a restricted weekday the OR always fires.
  if (!cron.dom_star_ && cron.dow_star_) {
    bool possible = false;
    for (int month = 1; month <= 12 && !possible; ++month) {
      if (!Has(cron.months_, month)) continue;
      possible = NextBit(cron.days_of_month_, 1, kMaxDaysInMonth[month]) != -1;
    }
    if (!possible) {
      message = "the day-of-month never occurs in the selected months";
      return std::nullopt;
    }
  }
  return cron;
}

bool CronExpression::DayMatches(unsigned day_of_month, unsigned weekday) const {
  const bool dom = Has(days_of_month_, day_of_month);
  const bool dow = Has(days_of_week_, weekday);
  if (dom_star_ || dow_star_) return dom && dow;
  return dom || dow;
}

int CronExpression::FirstTimeOfDay(int from) const {
  const int from_hour = from / 3600;
  for (int hour = NextBit(hours_, from_hour, 23); hour != -1;
       hour = NextBit(hours_, hour + 1, 23)) {
    const int from_minute = hour == from_hour ? from / 60 % 60 : 0;
    for (int minute = NextBit(minutes_, from_minute, 59); minute != -1;
         minute = NextBit(minutes_, minute + 1, 59)) {
      const int from_second = hour == from_hour && minute == from / 60 % 60 ? from % 60 : 0;
      const int second = NextBit(seconds_, from_second, 59);
      if (second != -1) return hour * 3600 + minute * 60 + second;
    }
  }
  return -1;
}

std::optional<CronExpression::TimePoint> CronExpression::Next(TimePoint after) const {
  using namespace std::chrono;
  const sys_seconds start = floor<seconds>(after) + seconds(1);
  sys_days day = floor<days>(start);
  int from = static_cast<int>((start - day).count());
  const sys_days limit = day + days(400 * 366);
  while (day < limit) {
    const year_month_day ymd(day);
    if (!Has(months_, static_cast<unsigned>(ymd.month()))) {
      day = sys_days((year_month(ymd.year(), ymd.month()) + months(1)) / 1);
      from = 0;
      continue;
    }
    if (DayMatches(static_cast<unsigned>(ymd.day()), weekday(day).c_encoding())) {
      const int time_of_day = FirstTimeOfDay(from);
      if (time_of_day != -1) return TimePoint(day + seconds(time_of_day));
    }
    day += days(1);
    from = 0;
  }
  return std::nullopt;
}

bool CronExpression::Matches(TimePoint time) const {
  const auto second = std::chrono::floor<std::chrono::seconds>(time);
  const auto next = Next(second - std::chrono::seconds(1));
  return next && *next == second;
}

}  // namespace mensor::config

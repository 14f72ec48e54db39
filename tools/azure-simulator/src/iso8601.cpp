#include "iso8601.hpp"

#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace mensor::sim {

namespace {

using std::chrono::seconds;

// Reads an unsigned decimal number; false when there are no digits or it overflows.
bool ReadNumber(std::string_view text, size_t& pos, long long& value) {
  const size_t begin = pos;
  value = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    if (value > 100'000'000'000LL) return false;
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  return pos > begin;
}

bool ReadFixedDigits(std::string_view text, size_t& pos, int count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<seconds> ParseIsoDuration(std::string_view text) {
  size_t pos = 0;
  if (text.empty() || std::toupper(static_cast<unsigned char>(text[0])) != 'P') return std::nullopt;
  ++pos;
  bool in_time = false;
  bool any = false;
  int last_rank = -1;  // Enforces the designator order W/D then H/M/S.
  long long total = 0;
  while (pos < text.size()) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos])));
    if (c == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++pos;
      if (pos == text.size()) return std::nullopt;
      continue;
    }
    long long number = 0;
    if (!ReadNumber(text, pos, number)) return std::nullopt;
    bool fraction = false;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      long long ignored = 0;
      if (!ReadNumber(text, pos, ignored)) return std::nullopt;
      fraction = true;
    }
    if (pos >= text.size()) return std::nullopt;
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos++])));
    int rank = 0;
    long long factor = 0;
    if (!in_time && unit == 'W') {
      rank = 0, factor = 7 * 86400;
    } else if (!in_time && unit == 'D') {
      rank = 1, factor = 86400;
    } else if (in_time && unit == 'H') {
      rank = 2, factor = 3600;
    } else if (in_time && unit == 'M') {
      rank = 3, factor = 60;
    } else if (in_time && unit == 'S') {
      rank = 4, factor = 1;
    } else {
      return std::nullopt;  // Years, months or a misplaced designator.
    }
    if (rank <= last_rank || (fraction && unit != 'S')) return std::nullopt;
    last_rank = rank;
    total += number * factor;
    any = true;
  }
  if (!any || total <= 0) return std::nullopt;
  return seconds(total);
}

std::string FormatIsoDuration(seconds duration) {
  long long total = duration.count();
  const long long days = total / 86400;
  total %= 86400;
  std::string out = "P";
  if (days > 0) out += std::to_string(days) + "D";
  if (total > 0) {
    out += "T";
    if (total / 3600 > 0) out += std::to_string(total / 3600) + "H";
    if (total % 3600 / 60 > 0) out += std::to_string(total % 3600 / 60) + "M";
    if (total % 60 > 0) out += std::to_string(total % 60) + "S";
  }
  if (out == "P") out = "PT0S";
  return out;
}

std::optional<TimePoint> ParseIsoTimestamp(std::string_view text) {
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!ReadFixedDigits(text, pos, 4, year) || !Expect(text, pos, '-') ||
      !ReadFixedDigits(text, pos, 2, month) || !Expect(text, pos, '-') ||
      !ReadFixedDigits(text, pos, 2, day)) {
    return std::nullopt;
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  if (!ReadFixedDigits(text, pos, 2, hour) || !Expect(text, pos, ':') ||
      !ReadFixedDigits(text, pos, 2, minute) || !Expect(text, pos, ':') ||
      !ReadFixedDigits(text, pos, 2, second)) {
    return std::nullopt;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    long long ignored = 0;
    if (!ReadNumber(text, pos, ignored)) return std::nullopt;
  }
  int offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    int off_hour, off_minute;
    if (!ReadFixedDigits(text, pos, 2, off_hour) || !Expect(text, pos, ':') ||
        !ReadFixedDigits(text, pos, 2, off_minute) || off_hour > 14 || off_minute > 59) {
      return std::nullopt;
    }
    offset_seconds = sign * (off_hour * 3600 + off_minute * 60);
  }
  if (pos != text.size()) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         seconds(second) - seconds(offset_seconds);
}

namespace {
struct Civil {
  int year;
  unsigned month, day, hour, minute, second, weekday;
};

Civil ToCivil(TimePoint time) {
  const auto days = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{days};
  const std::chrono::hh_mm_ss clock{time - days};
  return {static_cast<int>(date.year()),
          static_cast<unsigned>(date.month()),
          static_cast<unsigned>(date.day()),
          static_cast<unsigned>(clock.hours().count()),
          static_cast<unsigned>(clock.minutes().count()),
          static_cast<unsigned>(clock.seconds().count()),
          std::chrono::weekday(days).c_encoding()};
}
}  // namespace

std::string FormatIsoTimestamp(TimePoint time) {
  const Civil c = ToCivil(time);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02uT%02u:%02u:%02uZ", c.year, c.month, c.day,
                c.hour, c.minute, c.second);
  return buffer;
}

std::string FormatEntraTimestamp(TimePoint time) {
  std::string text = FormatIsoTimestamp(time);
  text[10] = ' ';
  return text;
}

std::string FormatHttpDate(TimePoint time) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = ToCivil(time);
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%s, %02u %s %04d %02u:%02u:%02u GMT", kDays[c.weekday],
                c.day, kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buffer;
}

std::string FormatUsTimestamp(TimePoint time) {
  const Civil c = ToCivil(time);
  const unsigned hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%u/%u/%04d %u:%02u:%02u %s", c.month, c.day, c.year,
                hour12, c.minute, c.second, c.hour < 12 ? "AM" : "PM");
  return buffer;
}

TimeRange ParseTimespan(std::string_view text, TimePoint now) {
  const auto fail = [&](const std::string& why) {
    throw std::invalid_argument("Invalid timespan '" + std::string(text) + "': " + why);
  };
  const auto slash = text.find('/');
  TimeRange range{};
  if (slash == std::string_view::npos) {
    const auto duration = ParseIsoDuration(text);
    if (!duration) fail("expected an ISO-8601 interval 'start/end' or a duration such as PT1H");
    range = {now - *duration, now};
  } else {
    const auto first = text.substr(0, slash);
    const auto second = text.substr(slash + 1);
    const auto start = ParseIsoTimestamp(first);
    const auto end = ParseIsoTimestamp(second);
    if (start && end) {
      range = {*start, *end};
    } else if (start) {
      const auto duration = ParseIsoDuration(second);
      if (!duration) fail("'" + std::string(second) + "' is neither a timestamp nor a duration");
      range = {*start, *start + *duration};
    } else if (end) {
      const auto duration = ParseIsoDuration(first);
      if (!duration) fail("'" + std::string(first) + "' is neither a timestamp nor a duration");
      range = {*end - *duration, *end};
    } else {
      fail("neither side is an ISO-8601 timestamp");
    }
  }
  if (range.end <= range.start) fail("the start time must be before the end time");
  return range;
}

TimePoint FloorTo(TimePoint time, seconds grain) {
  const auto since_epoch = time.time_since_epoch().count();
  const auto step = grain.count();
  const auto floored = since_epoch - ((since_epoch % step) + step) % step;
  return TimePoint(seconds(floored));
}

}  // namespace mensor::sim

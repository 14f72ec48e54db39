#include "mensor/azure/iso8601.hpp"

#include <cstdint>
#include <cstdio>

#include "strings.hpp"

namespace mensor::azure {
namespace {

using std::chrono::seconds;

// About 100 years: far beyond any grain or retention; keeps arithmetic away from overflow.
constexpr int64_t kMaxDurationSeconds = int64_t{100} * 366 * 86400;

// Reads an unsigned decimal number; false on no digits or overflow past kMaxDurationSeconds.
bool ReadNumber(std::string_view& s, int64_t& out) {
  size_t i = 0;
  int64_t value = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    value = value * 10 + (s[i] - '0');
    if (value > kMaxDurationSeconds) return false;
    ++i;
  }
  if (i == 0) return false;
  s.remove_prefix(i);
  out = value;
  return true;
}

bool ReadFixedDigits(std::string_view s, size_t pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::string FormatDuration(seconds duration) {
  int64_t total = duration.count();
  std::string out;
  if (total < 0) {
    out.push_back('-');
    total = -total;
  }
  const int64_t days = total / 86400;
  const int64_t hours = total % 86400 / 3600;
  const int64_t minutes = total % 3600 / 60;
  const int64_t secs = total % 60;
  out.push_back('P');
  if (days > 0) out += std::to_string(days) + "D";
  if (hours > 0 || minutes > 0 || secs > 0 || days == 0) {
    out.push_back('T');
    if (hours > 0) out += std::to_string(hours) + "H";
    if (minutes > 0) out += std::to_string(minutes) + "M";
    if (secs > 0 || (hours == 0 && minutes == 0)) out += std::to_string(secs) + "S";
  }
  return out;
}

std::optional<seconds> ParseDuration(std::string_view text) {
  std::string_view s = internal::Trim(text);
  if (s.empty() || internal::AsciiLower(s.front()) != 'p') return std::nullopt;
  s.remove_prefix(1);
  int64_t total = 0;
  bool in_time = false;
  bool any = false;
  char last_unit = 0;  // enforces W/D, then H, M, S order and no repeats
  constexpr std::string_view kOrder = "wdhms";
  while (!s.empty()) {
    if (internal::AsciiLower(s.front()) == 't') {
      if (in_time) return std::nullopt;
      in_time = true;
      s.remove_prefix(1);
      if (s.empty()) return std::nullopt;  // "PT" alone is invalid
      continue;
    }
    int64_t value = 0;
    if (!ReadNumber(s, value)) return std::nullopt;
    if (!s.empty() && (s.front() == '.' || s.front() == ',')) {
      // Only seconds may carry a fraction; it is truncated to whole seconds.
      s.remove_prefix(1);
      size_t digits = 0;
      while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
      s.remove_prefix(digits);
      if (digits == 0 || !in_time || s.empty() || internal::AsciiLower(s.front()) != 's') {
        return std::nullopt;
      }
    }
    if (s.empty()) return std::nullopt;
    const char unit = internal::AsciiLower(s.front());
    s.remove_prefix(1);
    int64_t factor = 0;
    switch (unit) {
      case 'w':
        factor = 7 * 86400;
        break;
      case 'd':
        factor = 86400;
        break;
      case 'h':
        factor = 3600;
        break;
      case 'm':
        factor = 60;
        break;
      case 's':
        factor = 1;
        break;
      default:
        return std::nullopt;
    }
    const bool time_unit = unit == 'h' || unit == 'm' || unit == 's';
    if (time_unit != in_time) return std::nullopt;  // PnM (months) / PTnD are rejected
    if (last_unit != 0 && kOrder.find(unit) <= kOrder.find(last_unit)) return std::nullopt;
    last_unit = unit;
    if (value > kMaxDurationSeconds / factor) return std::nullopt;
    total += value * factor;
    if (total > kMaxDurationSeconds) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return seconds(total);
}

std::string FormatTimestamp(TimePoint time) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(time);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{ms - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::optional<TimePoint> ParseTimestamp(std::string_view text) {
  using namespace std::chrono;
  const std::string_view s = internal::Trim(text);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  // yyyy-mm-ddThh:mm:ss is fixed width in every Azure payload.
  if (s.size() < 19 || !ReadFixedDigits(s, 0, 4, y) || s[4] != '-' ||
      !ReadFixedDigits(s, 5, 2, mo) || s[7] != '-' || !ReadFixedDigits(s, 8, 2, d) ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !ReadFixedDigits(s, 11, 2, h) ||
      s[13] != ':' || !ReadFixedDigits(s, 14, 2, mi) || s[16] != ':' ||
      !ReadFixedDigits(s, 17, 2, sec)) {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  // Leap seconds (ss = 60) are not representable in system_clock; reject them.
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  size_t pos = 19;
  nanoseconds fraction{0};
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    const size_t begin = pos;
    int64_t nanos = 0;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 9) {
        nanos = nanos * 10 + (s[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    if (pos == begin) return std::nullopt;
    for (; digits < 9; ++digits) nanos *= 10;
    fraction = nanoseconds(nanos);
  }
  minutes offset{0};
  if (pos < s.size()) {
    if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
      pos = s.size();
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
      int oh = 0, om = 0;
      if (!ReadFixedDigits(s, pos + 1, 2, oh) || !ReadFixedDigits(s, pos + 4, 2, om) || oh > 23 ||
          om > 59) {
        return std::nullopt;
      }
      offset = minutes(oh * 60 + om);
      if (s[pos] == '-') offset = -offset;
      pos = s.size();
    } else {
      return std::nullopt;
    }
  }
  const auto local = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec};
  return time_point_cast<system_clock::duration>(local - offset + fraction);
}

std::string FormatTimespan(TimePoint start, TimePoint end) {
  return FormatTimestamp(start) + "/" + FormatTimestamp(end);
}

}  // namespace mensor::azure

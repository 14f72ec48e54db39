#include "mensor/config/time_span.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace mensor::config {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Digits only (no sign, no spaces), at most 10 of them, as .NET does.
std::optional<std::int64_t> ParseDigits(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsDigits(std::string_view text) {
  if (text.empty() || text.size() > 7) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

std::optional<std::chrono::seconds> ParseTimeSpan(std::string_view text) {
  text = Trim(text);
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;

  std::int64_t days = 0;
  std::vector<std::string_view> parts = Split(text, ':');
  if (parts.size() == 1) {
    const auto bare = ParseDigits(parts[0]);
    if (!bare || *bare > 10675199) return std::nullopt;
    days = *bare;
    parts.clear();
  } else if (parts.size() == 4) {
    const auto d = ParseDigits(parts[0]);  // "d:hh:mm:ss"
    if (!d) return std::nullopt;
    days = *d;
    parts.erase(parts.begin());
  } else if (parts.size() == 2 || parts.size() == 3) {
    const std::size_t dot = parts[0].find('.');  // "d.hh:mm[:ss]"
    if (dot != std::string_view::npos) {
      const auto d = ParseDigits(parts[0].substr(0, dot));
      if (!d) return std::nullopt;
      days = *d;
      parts[0] = parts[0].substr(dot + 1);
    }
  } else {
    return std::nullopt;
  }

  std::int64_t hours = 0, minutes = 0, secs = 0;
  if (!parts.empty()) {
    // Only the seconds part may carry a fraction.
    if (parts.size() == 3) {
      const std::size_t dot = parts[2].find('.');
      if (dot != std::string_view::npos) {
        if (!IsDigits(parts[2].substr(dot + 1))) return std::nullopt;
        parts[2] = parts[2].substr(0, dot);
      }
    }
    const auto h = ParseDigits(parts[0]);
    const auto m = ParseDigits(parts[1]);
    const auto s = parts.size() == 3 ? ParseDigits(parts[2]) : std::optional<std::int64_t>(0);
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 59) return std::nullopt;
    hours = *h;
    minutes = *m;
    secs = *s;
  }
  const std::int64_t total = ((days * 24 + hours) * 60 + minutes) * 60 + secs;
  return std::chrono::seconds(negative ? -total : total);
}

std::string FormatTimeSpan(std::chrono::seconds value) {
  std::int64_t total = value.count();
  std::string out;
  if (total < 0) {
    out = "-";
    total = -total;
  }
  const std::int64_t days = total / 86400;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld",
                static_cast<long long>(total / 3600 % 24), static_cast<long long>(total / 60 % 60),
                static_cast<long long>(total % 60));
  if (days > 0) out += std::to_string(days) + ".";
  return out + buffer;
}

}  // namespace mensor::config

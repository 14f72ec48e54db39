// ASCII string helpers shared by the core and the simulator. Not locale dependent: header names,
// routes, YAML keys and Azure names are ASCII by definition.
#pragma once

#include <string>
#include <string_view>

namespace mensor::util {

/// `c` lower-cased if it is an ASCII capital letter, unchanged otherwise.
constexpr char AsciiLower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Space, tab, CR, LF, form feed or vertical tab (what std::isspace accepts in the "C" locale).
constexpr bool IsAsciiSpace(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept;

/// Whether `text` starts with `prefix`, ASCII case-insensitively.
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) noexcept;

/// `s` with ASCII letters lower-cased.
std::string ToLowerAscii(std::string_view s);

/// `s` without leading and trailing ASCII white space (see IsAsciiSpace).
std::string_view Trim(std::string_view s) noexcept;

}  // namespace mensor::util

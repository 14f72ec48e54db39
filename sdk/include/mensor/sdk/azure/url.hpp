// Percent-encoding for Azure token requests (query parameters and form bodies). Header-only and
// dependency-free, so auth plugins share it across the ABI boundary.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::sdk::azure {

/// \brief RFC 3986 unreserved characters: A-Z a-z 0-9 - . _ ~
constexpr bool IsUnreserved(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

/// \brief Percent-encodes every byte for which `keep(byte)` is false as %XX (upper-case hex).
template <typename Keep>
std::string PercentEncode(std::string_view value, Keep keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (unsigned char c : value) {
    if (keep(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

/// \brief RFC 3986 percent-encoding: everything except unreserved characters becomes %XX, so
/// spaces are %20 (never '+', which servers may keep). Suits query-parameter values and
/// application/x-www-form-urlencoded values alike.
inline std::string PercentEncode(std::string_view value) {
  return PercentEncode(value, IsUnreserved);
}

/// \brief `name=value&...` with both sides percent-encoded: an application/x-www-form-urlencoded
/// body (or a query string without its '?').
inline std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += PercentEncode(name);
    out.push_back('=');
    out += PercentEncode(value);
  }
  return out;
}

}  // namespace mensor::sdk::azure

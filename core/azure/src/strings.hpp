#pragma once

// ASCII string helpers for the sources (not installed): the shared util ones plus StripSlashes.

#include <string_view>

#include "mensor/util/strings.hpp"

namespace mensor::azure::internal {

using util::AsciiLower;
using util::EqualsIgnoreCase;
using util::IsAsciiSpace;
using util::ToLowerAscii;
using util::Trim;

inline std::string_view StripSlashes(std::string_view s) {
  while (!s.empty() && s.front() == '/') s.remove_prefix(1);
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s;
}

}  // namespace mensor::azure::internal

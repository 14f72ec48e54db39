// mensor_str <-> std::string_view conversions (M2: views are borrowed, receivers copy).
#pragma once

#include <mensor/abi.h>

#include <string>
#include <string_view>

namespace mensor::sdk::detail {

inline mensor_str ToStr(std::string_view view) { return mensor_str{view.data(), view.size()}; }

inline std::string_view ToView(mensor_str str) {
  return str.ptr == nullptr ? std::string_view{} : std::string_view{str.ptr, str.len};
}

// Case-insensitive ASCII comparison, used for HTTP header names.
inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace mensor::sdk::detail

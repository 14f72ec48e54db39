// Reading and checking the fields of a resources[] entry the way Promitor's types do.
#pragma once

#include <mensor/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mensor::resources {

/// The value of `key`, with an empty string counting as "not configured" (as in Promitor).
inline std::optional<std::string> NonEmpty(const sdk::Config& config, const char* key) {
  std::optional<std::string> value = config.GetString(key);
  if (value && value->empty()) return std::nullopt;
  return value;
}

/// Reports an error at `key` when it is absent or empty; `what` names the thing ("App Service
/// plan"). The schema already marks the key required; this catches `key: ''`.
inline void RequireNonEmpty(const sdk::Config& config, sdk::Call& call, const char* key,
                            std::string_view what) {
  if (!NonEmpty(config, key)) {
    call.ReportError(key, "'" + std::string(key) + "' must name the " + std::string(what));
  }
}

/// OData string literal: wraps in quotes, doubling embedded ones.
inline std::string QuoteOData(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

/// `Dimension eq 'value'`.
inline std::string EqualsFilter(std::string_view dimension, std::string_view value) {
  return std::string(dimension) + " eq " + QuoteOData(value);
}

/// ASCII case-insensitive equality (Azure metric names are matched that way).
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

}  // namespace mensor::resources

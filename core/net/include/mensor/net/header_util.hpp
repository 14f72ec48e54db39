#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::net {

/// An ordered header list. Duplicates are kept because HTTP allows repeated fields.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// ASCII case-insensitive comparison; header names and routes are ASCII by definition.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept;

/// Returns `s` with ASCII letters lower-cased.
std::string ToLowerAscii(std::string_view s);

/// First header named `name` (case-insensitive), or nullopt. The view points into `headers`.
std::optional<std::string_view> FindHeader(const HeaderList& headers,
                                           std::string_view name) noexcept;

}  // namespace mensor::net

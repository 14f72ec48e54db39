#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mensor/util/strings.hpp"

namespace mensor::net {

/// An ordered header list. Duplicates are kept because HTTP allows repeated fields.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Header names and routes are ASCII by definition: compared and folded with the util helpers.
using util::EqualsIgnoreCase;
using util::ToLowerAscii;

/// First header named `name` (case-insensitive), or nullopt. The view points into `headers`.
std::optional<std::string_view> FindHeader(const HeaderList& headers,
                                           std::string_view name) noexcept;

}  // namespace mensor::net

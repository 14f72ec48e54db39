#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mensor/util/strings.hpp"

namespace mensor::config {

std::size_t LevenshteinDistance(std::string_view a, std::string_view b, bool ignore_case = false);

// Candidates closer than distance 3 (Promitor's rule), closest first, ties in candidate order.
std::vector<std::string> SuggestKeys(std::string_view key, std::span<const std::string> candidates,
                                     bool ignore_case = false);

// "unknown key 'x' is ignored" plus "; did you mean 'a' or 'b'?" when there are suggestions.
std::string UnknownKeyMessage(std::string_view key, std::span<const std::string> candidates,
                              bool ignore_case = false);

// Keys compare and fold ASCII case-insensitively with the shared util helpers.
using util::EqualsIgnoreCase;
using util::ToLowerAscii;

}  // namespace mensor::config

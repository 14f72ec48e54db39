#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace mensor::config::internal {

// Scalar conversions with .NET semantics where Promitor relies on them (int.Parse / double.Parse
// invariant, bool.Parse), so values accepted by Promitor are accepted here.
std::optional<long long> ParseInteger(std::string_view text);
std::optional<double> ParseDouble(std::string_view text);  // also NaN, Infinity, -Infinity
std::optional<bool> ParseBool(std::string_view text);      // true/false, any case

// "a mapping", "a sequence", "a value", "nothing": for "must be X, not Y" messages.
std::string NodeKindName(const YAML::Node& node);

// The scalar text, or "" for non-scalars.
std::string ScalarText(const YAML::Node& node);

// A null node stands for "key: " with no value, which we treat as absent.
inline bool IsPresent(const YAML::Node& node) { return node.IsDefined() && !node.IsNull(); }

}  // namespace mensor::config::internal

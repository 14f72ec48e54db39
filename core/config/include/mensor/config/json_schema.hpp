#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "mensor/config/key_spec.hpp"

namespace mensor::config {

// JSON Schema (draft-07) of a mapping with `keys`, for editors (yaml-language-server) and
// `mensor schema`. With KeyMatch::kCaseInsensitive (runtime.yaml) scalar values are also
// accepted in the forms .NET binding reads (quoted numbers, "True"), and allowed values match
// in any case. Keys themselves are always described in their canonical spelling: JSON Schema
// cannot express case-insensitive property names, and that spelling is what users write.
nlohmann::json MappingJsonSchema(std::span<const KeySpec> keys, KeyMatch match);

// The schema of one value of `spec`'s type (the property schema MappingJsonSchema uses).
nlohmann::json ValueJsonSchema(const KeySpec& spec, KeyMatch match);

}  // namespace mensor::config

#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "mensor/config/diagnostics.hpp"

namespace mensor::config {

// Value types a plugin can declare for one of its configuration keys (mirrors the ABI's
// scr_config_key types).
enum class ValueType {
  kString,
  kInt,
  kDouble,
  kBool,
  kDuration,
  kStringList,
  kObject,
  kObjectList
};

// "a string", "an integer", ... for messages.
std::string_view ValueTypeName(ValueType type);

// One key of a plugin-owned mapping (a resource entry, a sink or auth-mode section).
struct KeySpec {
  std::string name;
  ValueType type = ValueType::kString;
  bool required = false;
  bool secret = false;  // masked in dumps and logs
  std::optional<std::string> default_value;
  std::string description;
};

enum class KeyMatch { kCaseSensitive, kCaseInsensitive };

// Validates `node` against `specs`: a missing required key is an error at the mapping's position,
// a key that is neither in `specs` nor in `extra_allowed_keys` is a warning with a did-you-mean
// hint, and a value of the wrong type is an error at the value. `context` (e.g. "resource of type
// 'ServiceBusNamespace'") is named in missing-key messages. Metrics declaration keys are
// case-sensitive; runtime.yaml sections use KeyMatch::kCaseInsensitive.
void ValidateMapping(const YAML::Node& node, const std::string& file,
                     std::span<const KeySpec> specs,
                     std::span<const std::string> extra_allowed_keys, std::string_view context,
                     Diagnostics& diagnostics, KeyMatch match = KeyMatch::kCaseSensitive);

// Checks one value against a type; returns the error message or nullopt when it fits.
std::optional<std::string> CheckValueType(const YAML::Node& value, std::string_view key,
                                          ValueType type);

}  // namespace mensor::config

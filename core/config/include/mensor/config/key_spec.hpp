#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "mensor/config/diagnostics.hpp"

namespace mensor::config {

// Value types a configuration key can declare (mirrors the ABI's MENSOR_CFG_* types).
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

// One key of a mapping: a plugin-owned mapping (a resource entry, a sink or auth-mode section) or
// a core one (runtime.yaml is described as a tree of these, see runtime_keys.hpp). Fields after
// `description` are optional so short aggregate initialisers stay readable.
struct KeySpec {
  std::string name;
  ValueType type = ValueType::kString;
  bool required = false;
  bool secret = false;  // masked in dumps and logs
  std::optional<std::string> default_value;
  std::string description;
  bool deprecated = false;                    // accepted, with a warning
  std::vector<std::string> allowed_values{};  // for enum-like strings; empty = any
  std::vector<KeySpec> children{};            // keys of a kObject / kObjectList value
  bool open = false;  // kObject whose keys are free (labels) or owned elsewhere (metricSinks)
};

enum class KeyMatch { kCaseSensitive, kCaseInsensitive };

// How to judge and report one mapping.
struct MappingRules {
  std::string file;
  // Named in "required key missing" messages, e.g. "resource of type 'ServiceBusNamespace'".
  std::string context;
  // Dotted path of the mapping ("metricSinks.statsd"); messages then name full key paths.
  std::string path_prefix;
  KeyMatch match = KeyMatch::kCaseSensitive;
  std::vector<std::string> extra_allowed_keys;  // accepted without a spec (top level only)
  // When set, problems go here instead of to the Diagnostics (runtime.yaml routes values that
  // came from environment variables to the variable's name). `path` is the key's dotted path.
  std::function<void(Severity, const std::string& path, const YAML::Node& at, std::string)> report;
};

// Validates `node` against `specs`, recursing into kObject / kObjectList children: a missing
// required key is an error at the mapping's position, a key that is neither in `specs` nor in
// `extra_allowed_keys` is a warning with a did-you-mean hint, a value of the wrong type or
// outside `allowed_values` is an error at the value, a deprecated key is a warning. Metrics
// declaration keys are case-sensitive; runtime.yaml uses KeyMatch::kCaseInsensitive.
void ValidateMapping(const YAML::Node& node, std::span<const KeySpec> specs,
                     const MappingRules& rules, Diagnostics& diagnostics);

// Short form used for resource entries.
void ValidateMapping(const YAML::Node& node, const std::string& file,
                     std::span<const KeySpec> specs,
                     std::span<const std::string> extra_allowed_keys, std::string_view context,
                     Diagnostics& diagnostics, KeyMatch match = KeyMatch::kCaseSensitive);

// Checks one value against a type; returns the error message or nullopt when it fits. `key` is
// named in the message as given (a bare name or a dotted path).
std::optional<std::string> CheckValueType(const YAML::Node& value, std::string_view key,
                                          ValueType type);

// The spec named `name` among `specs` (per `match`), or nullptr.
const KeySpec* FindSpec(std::span<const KeySpec> specs, std::string_view name, KeyMatch match);

}  // namespace mensor::config

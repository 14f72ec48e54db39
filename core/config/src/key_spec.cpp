#include "mensor/config/key_spec.hpp"

#include <vector>

#include "mensor/config/suggest.hpp"
#include "mensor/config/time_span.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config {
namespace {

using internal::IsPresent;

bool SameKey(std::string_view a, std::string_view b, KeyMatch match) {
  return match == KeyMatch::kCaseInsensitive ? EqualsIgnoreCase(a, b) : a == b;
}

std::string BadValue(const YAML::Node& value, std::string_view key, ValueType type) {
  return "'" + value.Scalar() + "' is not a valid value for '" + std::string(key) + "'; expected " +
         std::string(ValueTypeName(type));
}

std::string BadShape(const YAML::Node& value, std::string_view key, ValueType type) {
  return "'" + std::string(key) + "' must be " + std::string(ValueTypeName(type)) + ", not " +
         internal::NodeKindName(value);
}

}  // namespace

std::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kString:
      return "a string";
    case ValueType::kInt:
      return "an integer";
    case ValueType::kDouble:
      return "a number";
    case ValueType::kBool:
      return "true or false";
    case ValueType::kDuration:
      return "a duration like 'hh:mm:ss'";
    case ValueType::kStringList:
      return "a list of strings";
    case ValueType::kObject:
      return "a mapping";
    case ValueType::kObjectList:
      return "a list of mappings";
  }
  return "a value";
}

std::optional<std::string> CheckValueType(const YAML::Node& value, std::string_view key,
                                          ValueType type) {
  switch (type) {
    case ValueType::kString:
    case ValueType::kInt:
    case ValueType::kDouble:
    case ValueType::kBool:
    case ValueType::kDuration:
      if (!value.IsScalar()) return BadShape(value, key, type);
      break;
    case ValueType::kStringList:
      if (!value.IsSequence()) return BadShape(value, key, type);
      for (const auto& item : value) {
        if (!item.IsScalar()) return BadShape(value, key, type);
      }
      return std::nullopt;
    case ValueType::kObject:
      return value.IsMap() ? std::nullopt : std::optional(BadShape(value, key, type));
    case ValueType::kObjectList:
      if (!value.IsSequence()) return BadShape(value, key, type);
      for (const auto& item : value) {
        if (!item.IsMap()) return BadShape(value, key, type);
      }
      return std::nullopt;
  }
  const std::string& text = value.Scalar();
  const bool ok = (type == ValueType::kString) ||
                  (type == ValueType::kInt && internal::ParseInteger(text)) ||
                  (type == ValueType::kDouble && internal::ParseDouble(text)) ||
                  (type == ValueType::kBool && internal::ParseBool(text)) ||
                  (type == ValueType::kDuration && ParseTimeSpan(text));
  return ok ? std::nullopt : std::optional(BadValue(value, key, type));
}

void ValidateMapping(const YAML::Node& node, const std::string& file,
                     std::span<const KeySpec> specs,
                     std::span<const std::string> extra_allowed_keys, std::string_view context,
                     Diagnostics& diagnostics, KeyMatch match) {
  const std::string where = context.empty() ? "" : " in " + std::string(context);
  if (IsPresent(node) && !node.IsMap()) {
    diagnostics.Error(file, node.Mark(),
                      "expected a mapping" + where + ", not " + internal::NodeKindName(node));
    return;
  }
  std::vector<std::string> candidates;
  for (const auto& spec : specs) candidates.push_back(spec.name);
  candidates.insert(candidates.end(), extra_allowed_keys.begin(), extra_allowed_keys.end());

  std::vector<bool> seen(specs.size(), false);
  if (node.IsMap()) {
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      bool known = false;
      for (std::size_t i = 0; i < specs.size() && !known; ++i) {
        if (!SameKey(key, specs[i].name, match)) continue;
        known = true;
        seen[i] = IsPresent(entry.second);
        if (!seen[i]) continue;
        if (auto error = CheckValueType(entry.second, key, specs[i].type)) {
          diagnostics.Error(file, entry.second.Mark(), *std::move(error));
        }
      }
      for (const auto& extra : extra_allowed_keys) known = known || SameKey(key, extra, match);
      if (!known) {
        diagnostics.Warning(
            file, entry.first.Mark(),
            UnknownKeyMessage(key, candidates, match == KeyMatch::kCaseInsensitive));
      }
    }
  }
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].required && !seen[i]) {
      diagnostics.Error(file, node.Mark(),
                        "required key '" + specs[i].name + "' is missing" + where);
    }
  }
}

}  // namespace mensor::config

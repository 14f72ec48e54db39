#include "mensor/config/key_spec.hpp"

#include <algorithm>
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

bool IsIndex(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// .NET configuration binds a list set through environment variables (a__0, a__1) as a mapping
// keyed by index; such a mapping counts as a list.
bool IsListLike(const YAML::Node& value) {
  if (value.IsSequence()) return true;
  if (!value.IsMap()) return false;
  for (const auto& entry : value) {
    if (!IsIndex(entry.first.Scalar())) return false;
  }
  return true;
}

std::vector<YAML::Node> ListItems(const YAML::Node& value) {
  std::vector<YAML::Node> items;
  for (const auto& item : value) items.push_back(value.IsMap() ? item.second : item);
  return items;
}

class Validator {
 public:
  Validator(const MappingRules& rules, Diagnostics& diagnostics)
      : rules_(rules), diagnostics_(diagnostics) {}

  void Mapping(const YAML::Node& node, std::span<const KeySpec> specs, const std::string& prefix,
               bool top_level) {
    const std::string where = rules_.context.empty() ? "" : " in " + rules_.context;
    if (IsPresent(node) && !node.IsMap()) {
      Report(Severity::kError, prefix, node,
             (prefix.empty() ? "expected a mapping" : "'" + prefix + "' must be a mapping") +
                 where + ", not " + internal::NodeKindName(node));
      return;
    }
    std::vector<std::string> candidates;
    for (const auto& spec : specs) candidates.push_back(Path(prefix, spec.name));
    if (top_level) {
      for (const auto& extra : rules_.extra_allowed_keys) candidates.push_back(extra);
    }
    std::vector<bool> seen(specs.size(), false);
    if (node.IsMap()) {
      for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        const std::string path = Path(prefix, key);
        bool known = false;
        for (std::size_t i = 0; i < specs.size(); ++i) {
          if (!SameKey(key, specs[i].name, rules_.match)) continue;
          known = true;
          seen[i] = seen[i] || IsPresent(entry.second);
          if (IsPresent(entry.second)) Value(entry.first, entry.second, specs[i], path);
        }
        if (top_level) {
          for (const auto& extra : rules_.extra_allowed_keys) {
            known = known || SameKey(key, extra, rules_.match);
          }
        }
        if (!known) {
          Report(Severity::kWarning, path, entry.first,
                 UnknownKeyMessage(path, candidates, rules_.match == KeyMatch::kCaseInsensitive));
        }
      }
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].required && !seen[i]) {
        Report(Severity::kError, prefix, node,
               "required key '" + Path(prefix, specs[i].name) + "' is missing" + where);
      }
    }
  }

 private:
  static std::string Path(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
  }

  void Value(const YAML::Node& key, const YAML::Node& value, const KeySpec& spec,
             const std::string& path) {
    if (spec.deprecated) {
      Report(Severity::kWarning, path, key, "'" + path + "' is deprecated: " + spec.description);
    }
    // A mapping declared without children has free keys (e.g. a plugin's label map).
    const bool free_keys = spec.children.empty() &&
                           (spec.type == ValueType::kObject || spec.type == ValueType::kObjectList);
    if (free_keys) {
      if (auto error = CheckValueType(value, path, spec.type)) {
        Report(Severity::kError, path, value, *std::move(error));
      }
      return;
    }
    if (spec.open && spec.type == ValueType::kObject) {
      // Declared children are checked; any other key belongs to someone else.
      if (!value.IsMap()) {
        Report(Severity::kError, path, value, BadShape(value, path, spec.type));
        return;
      }
      for (const auto& entry : value) {
        const std::string key = entry.first.Scalar();
        const KeySpec* child = FindSpec(spec.children, key, rules_.match);
        if (child != nullptr && IsPresent(entry.second)) {
          Value(entry.first, entry.second, *child, path + "." + key);
        }
      }
      return;
    }
    const bool list = spec.type == ValueType::kStringList || spec.type == ValueType::kObjectList;
    if (list && IsListLike(value)) {
      for (const auto& item : ListItems(value)) {
        const bool fits = spec.type == ValueType::kStringList ? item.IsScalar() : item.IsMap();
        if (!fits) {
          Report(Severity::kError, path, item, BadShape(value, path, spec.type));
          return;
        }
        if (spec.type == ValueType::kObjectList) Mapping(item, spec.children, path, false);
      }
      return;
    }
    if (auto error = CheckValueType(value, path, spec.type)) {
      Report(Severity::kError, path, value, *std::move(error));
      return;
    }
    if (spec.type == ValueType::kObject) {
      Mapping(value, spec.children, path, false);
      return;
    }
    if (spec.allowed_values.empty()) return;
    for (const auto& allowed : spec.allowed_values) {
      if (SameKey(allowed, value.Scalar(), rules_.match)) return;
    }
    std::string expected;
    for (std::size_t i = 0; i < spec.allowed_values.size(); ++i) {
      expected += (i ? ", " : "") + spec.allowed_values[i];
    }
    Report(Severity::kError, path, value,
           "'" + value.Scalar() + "' is not a valid value for '" + path + "'; expected one of " +
               expected);
  }

  void Report(Severity severity, const std::string& path, const YAML::Node& at,
              std::string message) {
    if (rules_.report) {
      rules_.report(severity, path, at, std::move(message));
    } else {
      diagnostics_.Add(severity, rules_.file, at.Mark(), std::move(message));
    }
  }

  const MappingRules& rules_;
  Diagnostics& diagnostics_;
};

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
      if (!IsListLike(value)) return BadShape(value, key, type);
      for (const auto& item : ListItems(value)) {
        if (!item.IsScalar()) return BadShape(value, key, type);
      }
      return std::nullopt;
    case ValueType::kObject:
      return value.IsMap() ? std::nullopt : std::optional(BadShape(value, key, type));
    case ValueType::kObjectList:
      if (!IsListLike(value)) return BadShape(value, key, type);
      for (const auto& item : ListItems(value)) {
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

const KeySpec* FindSpec(std::span<const KeySpec> specs, std::string_view name, KeyMatch match) {
  for (const auto& spec : specs) {
    if (SameKey(spec.name, name, match)) return &spec;
  }
  return nullptr;
}

void ValidateMapping(const YAML::Node& node, std::span<const KeySpec> specs,
                     const MappingRules& rules, Diagnostics& diagnostics) {
  Validator(rules, diagnostics).Mapping(node, specs, rules.path_prefix, true);
}

void ValidateMapping(const YAML::Node& node, const std::string& file,
                     std::span<const KeySpec> specs,
                     std::span<const std::string> extra_allowed_keys, std::string_view context,
                     Diagnostics& diagnostics, KeyMatch match) {
  MappingRules rules;
  rules.file = file;
  rules.context = std::string(context);
  rules.match = match;
  rules.extra_allowed_keys.assign(extra_allowed_keys.begin(), extra_allowed_keys.end());
  ValidateMapping(node, specs, rules, diagnostics);
}

}  // namespace mensor::config

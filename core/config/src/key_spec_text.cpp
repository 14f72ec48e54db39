#include "mensor/config/key_spec_text.hpp"

namespace mensor::config {
namespace {

void Describe(std::span<const KeySpec> keys, const std::string& indent, std::string& out) {
  for (const auto& key : keys) {
    out += indent + key.name + ": " + std::string(ShortTypeName(key.type));
    if (key.required) out += ", required";
    if (key.default_value) out += ", default '" + *key.default_value + "'";
    if (key.secret) out += ", secret";
    if (key.deprecated) out += ", deprecated";
    if (!key.allowed_values.empty()) {
      out += ", one of ";
      for (std::size_t i = 0; i < key.allowed_values.size(); ++i) {
        out += (i ? "|" : "") + key.allowed_values[i];
      }
    }
    if (!key.description.empty()) out += " - " + key.description;
    out += '\n';
    Describe(key.children, indent + "  ", out);
  }
}

}  // namespace

std::string_view ShortTypeName(ValueType type) {
  switch (type) {
    case ValueType::kString:
      return "string";
    case ValueType::kInt:
      return "integer";
    case ValueType::kDouble:
      return "number";
    case ValueType::kBool:
      return "boolean";
    case ValueType::kDuration:
      return "duration (hh:mm:ss)";
    case ValueType::kStringList:
      return "list of strings";
    case ValueType::kObject:
      return "mapping";
    case ValueType::kObjectList:
      return "list of mappings";
  }
  return "value";
}

std::string DescribeKeys(std::span<const KeySpec> keys, const std::string& indent) {
  if (keys.empty()) return indent + "(no configuration keys)\n";
  std::string out;
  Describe(keys, indent, out);
  return out;
}

}  // namespace mensor::config

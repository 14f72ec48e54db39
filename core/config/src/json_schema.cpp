#include "mensor/config/json_schema.hpp"

#include <cctype>

#include "yaml_scalars.hpp"

namespace mensor::config {
namespace {

using nlohmann::json;

// .NET time span forms: [-][d.]hh:mm[:ss[.fffffff]], d:hh:mm:ss[.f], or a bare number of days.
constexpr const char* kTimeSpanPattern =
    R"(^\s*-?(\d+|(\d+\.)?\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,7})?)?|\d+:\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,7})?)\s*$)";

// "None" -> "[Nn][Oo][Nn][Ee]": ECMA-262 patterns have no case-insensitive flag.
std::string AnyCase(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (lower != upper) {
      out += std::string("[") + upper + lower + "]";
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') {
      out += c;
    } else {
      out += std::string("\\") + c;
    }
  }
  return out;
}

std::string Alternatives(const std::vector<std::string>& values, bool any_case) {
  std::string pattern = "^(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    pattern += (i ? "|" : "") + (any_case ? AnyCase(values[i]) : values[i]);
  }
  return pattern + ")$";
}

// The default as JSON of the key's type where it parses, else as text.
json DefaultValue(const KeySpec& spec) {
  const std::string& text = *spec.default_value;
  switch (spec.type) {
    case ValueType::kInt:
      if (auto value = internal::ParseInteger(text)) return *value;
      break;
    case ValueType::kDouble:
      if (auto value = internal::ParseDouble(text); value && *value == *value) return *value;
      break;
    case ValueType::kBool:
      if (auto value = internal::ParseBool(text)) return *value;
      break;
    default:
      break;
  }
  return text;
}

json Scalar(const KeySpec& spec, bool lenient) {
  switch (spec.type) {
    case ValueType::kInt:
      return lenient ? json{{"anyOf",
                             {{{"type", "integer"}},
                              {{"type", "string"}, {"pattern", R"(^\s*[+-]?\d+\s*$)"}}}}}
                     : json{{"type", "integer"}};
    case ValueType::kDouble:
      return lenient
                 ? json{{"anyOf",
                         {{{"type", "number"}},
                          {{"type", "string"},
                           {"pattern",
                            R"(^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|NaN|-?Infinity)\s*$)"}}}}}
                 : json{{"type", "number"}};
    case ValueType::kBool:
      return lenient
                 ? json{{"anyOf",
                         {{{"type", "boolean"}},
                          {{"type", "string"},
                           {"pattern", "^(" + AnyCase("true") + "|" + AnyCase("false") + ")$"}}}}}
                 : json{{"type", "boolean"}};
    case ValueType::kDuration:
      return {{"type", "string"}, {"pattern", kTimeSpanPattern}};
    default:
      break;
  }
  json schema = {{"type", "string"}};
  if (!spec.allowed_values.empty()) {
    if (lenient) {
      schema["pattern"] = Alternatives(spec.allowed_values, true);
    } else {
      schema["enum"] = spec.allowed_values;
    }
  }
  return schema;
}

}  // namespace

json ValueJsonSchema(const KeySpec& spec, KeyMatch match) {
  const bool lenient = match == KeyMatch::kCaseInsensitive;
  json schema;
  switch (spec.type) {
    case ValueType::kStringList:
      schema = {{"type", "array"}, {"items", {{"type", "string"}}}};
      break;
    case ValueType::kObject:
      schema = MappingJsonSchema(spec.children, match);
      if (spec.open || spec.children.empty()) schema["additionalProperties"] = true;
      break;
    case ValueType::kObjectList: {
      json item = MappingJsonSchema(spec.children, match);
      if (spec.open || spec.children.empty()) item["additionalProperties"] = true;
      schema = {{"type", "array"}, {"items", item}};
      break;
    }
    default:
      schema = Scalar(spec, lenient);
  }
  if (!spec.description.empty()) schema["description"] = spec.description;
  if (spec.default_value) schema["default"] = DefaultValue(spec);
  if (spec.deprecated) schema["deprecated"] = true;
  return schema;
}

json MappingJsonSchema(std::span<const KeySpec> keys, KeyMatch match) {
  json properties = json::object();
  json required = json::array();
  for (const auto& spec : keys) {
    properties[spec.name] = ValueJsonSchema(spec, match);
    if (spec.required) required.push_back(spec.name);
  }
  json schema = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = required;
  return schema;
}

}  // namespace mensor::config

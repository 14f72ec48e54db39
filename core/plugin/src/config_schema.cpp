#include "mensor/plugin/config_schema.hpp"

namespace mensor::plugin {
namespace {

// The registrar refuses deeper schemas; this bound only keeps a corrupt one from recursing.
constexpr int kMaxDepth = 16;

config::ValueType ToValueType(int32_t type) {
  switch (type) {
    case MENSOR_CFG_INT:
      return config::ValueType::kInt;
    case MENSOR_CFG_DOUBLE:
      return config::ValueType::kDouble;
    case MENSOR_CFG_BOOL:
      return config::ValueType::kBool;
    case MENSOR_CFG_DURATION:
      return config::ValueType::kDuration;
    case MENSOR_CFG_STRING_LIST:
      return config::ValueType::kStringList;
    case MENSOR_CFG_OBJECT:
      return config::ValueType::kObject;
    case MENSOR_CFG_OBJECT_LIST:
      return config::ValueType::kObjectList;
    default:
      return config::ValueType::kString;
  }
}

std::vector<config::KeySpec> Convert(const mensor_config_schema* schema, int depth) {
  std::vector<config::KeySpec> specs;
  if (schema == nullptr || schema->keys == nullptr || depth > kMaxDepth) return specs;
  for (size_t i = 0; i < schema->key_count; ++i) {
    // key_size is the plugin's stride (A3): the key struct may have grown since.
    const auto* key = reinterpret_cast<const mensor_config_key*>(
        reinterpret_cast<const char*>(schema->keys) + i * schema->key_size);
    config::KeySpec spec;
    spec.name = key->name != nullptr ? key->name : "";
    spec.type = ToValueType(key->type);
    spec.required = (key->flags & MENSOR_CFG_REQUIRED) != 0;
    spec.secret = (key->flags & MENSOR_CFG_SECRET) != 0;
    spec.deprecated = (key->flags & MENSOR_CFG_DEPRECATED) != 0;
    if (key->default_value != nullptr) spec.default_value = key->default_value;
    if (key->description != nullptr) spec.description = key->description;
    if (spec.type == config::ValueType::kObject || spec.type == config::ValueType::kObjectList) {
      spec.children = Convert(key->children, depth + 1);
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace

std::vector<config::KeySpec> ToKeySpecs(const mensor_config_schema* schema) {
  return Convert(schema, 0);
}

std::vector<config::KeySpec> KeysOf(const PluginRegistry& registry, PluginKind kind,
                                    std::string_view name) {
  switch (kind) {
    case PluginKind::kResourceType:
      if (const auto found = registry.FindResourceType(name)) return ToKeySpecs(found->desc.config);
      break;
    case PluginKind::kAuthMode:
      if (const auto found = registry.FindAuthMode(name)) return ToKeySpecs(found->desc.config);
      break;
    case PluginKind::kSink:
      if (const auto found = registry.FindSink(name)) return ToKeySpecs(found->desc.config);
      break;
  }
  return {};
}

}  // namespace mensor::plugin

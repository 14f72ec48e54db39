#include "mensor/agent/config_schemas.hpp"

#include <algorithm>

#include "mensor/agent/configuration.hpp"
#include "mensor/config/declaration_keys.hpp"
#include "mensor/config/json_schema.hpp"
#include "mensor/config/runtime_loader.hpp"
#include "mensor/plugin/config_schema.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {
namespace {

using nlohmann::json;

constexpr const char* kDraft = "http://json-schema.org/draft-07/schema#";

json Document(json schema, const char* id, const char* title) {
  json document = {{"$schema", kDraft}, {"$id", id}, {"title", title}};
  document.update(schema);
  return document;
}

}  // namespace

json RuntimeJsonSchema(const plugin::PluginRegistry& registry) {
  config::RuntimeLoadOptions options = PluginRuntimeOptions(config::RuntimeConfig{}, registry);
  // Every mode's keys (the mode in use decides which apply), without the host-provided ones.
  config::PluginSection auth{"authentication", {}};
  for (const auto& mode : registry.AvailableNames(plugin::PluginKind::kAuthMode)) {
    for (auto& key : plugin::KeysOf(registry, plugin::PluginKind::kAuthMode, mode)) {
      const bool seen = std::any_of(auth.keys.begin(), auth.keys.end(),
                                    [&](const auto& known) { return known.name == key.name; });
      if (!seen && !IsHostProvidedAuthKey(key.name)) auth.keys.push_back(std::move(key));
    }
  }
  std::erase_if(options.plugin_sections,
                [](const auto& section) { return section.path == "authentication"; });
  options.plugin_sections.push_back(std::move(auth));
  const auto keys = config::EffectiveRuntimeKeys(options);
  json schema = config::MappingJsonSchema(keys, config::KeyMatch::kCaseInsensitive);
  // Only sinks a plugin provides can be configured.
  schema["properties"]["metricSinks"]["additionalProperties"] = false;
  return Document(std::move(schema), "https://mensor.dev/schema/runtime.schema.json",
                  "Mensor / Promitor scraper runtime.yaml");
}

json DeclarationJsonSchema(const plugin::PluginRegistry& registry) {
  json schema =
      config::MappingJsonSchema(config::DeclarationKeys(), config::KeyMatch::kCaseSensitive);
  json& metric = schema["properties"]["metrics"]["items"];
  const auto types = registry.AvailableNames(plugin::PluginKind::kResourceType);
  metric["properties"]["resourceType"]["enum"] = types;
  json per_type = json::array();
  for (const auto& type : types) {
    auto keys = plugin::KeysOf(registry, plugin::PluginKind::kResourceType, type);
    for (const auto& name : config::ResourceOverrideKeys()) {
      config::KeySpec override_key;
      override_key.name = name;
      override_key.description = "Overrides azureMetadata." + name + " for this resource";
      keys.push_back(std::move(override_key));
    }
    json entry = config::MappingJsonSchema(keys, config::KeyMatch::kCaseSensitive);
    per_type.push_back(
        {{"if",
          {{"properties", {{"resourceType", {{"const", type}}}}}, {"required", {"resourceType"}}}},
         {"then", {{"properties", {{"resources", {{"items", entry}}}}}}}});
  }
  if (!per_type.empty()) metric["allOf"] = per_type;
  return Document(std::move(schema), "https://mensor.dev/schema/metrics-declaration.schema.json",
                  "Mensor / Promitor metrics declaration v1");
}

}  // namespace mensor::agent

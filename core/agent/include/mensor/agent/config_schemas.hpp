#pragma once

#include <nlohmann/json.hpp>

#include "mensor/plugin/plugin_registry.hpp"

namespace mensor::agent {

/// JSON Schema of runtime.yaml: the core keys plus every registered sink's section and the keys
/// of every registered auth mode (union) under `authentication`.
nlohmann::json RuntimeJsonSchema(const plugin::PluginRegistry& registry);

/// JSON Schema of the metrics declaration v1: `resourceType` limited to the registered resource
/// types and, per type, its resource entries' keys (plus subscriptionId / resourceGroupName).
nlohmann::json DeclarationJsonSchema(const plugin::PluginRegistry& registry);

}  // namespace mensor::agent

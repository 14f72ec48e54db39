#pragma once

#include <vector>

#include <mensor/abi.h>

#include "mensor/config/key_spec.hpp"
#include "mensor/plugin/plugin_kind.hpp"
#include "mensor/plugin/plugin_registry.hpp"

namespace mensor::plugin {

// The keys a plugin declares (its mensor_config_schema, nested children included), as the
// configuration validator, `mensor plugins --describe` and `mensor schema` understand them.
// Steps through the keys by the plugin's key_size (A3). The registrar has already refused
// malformed schemas, so this trusts the shape; nullptr yields no keys.
std::vector<config::KeySpec> ToKeySpecs(const mensor_config_schema* schema);

// The declared keys of the registered type `name` of `kind` (empty when unknown).
std::vector<config::KeySpec> KeysOf(const PluginRegistry& registry, PluginKind kind,
                                    std::string_view name);

}  // namespace mensor::plugin

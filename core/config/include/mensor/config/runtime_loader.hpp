#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "mensor/config/diagnostics.hpp"
#include "mensor/config/key_spec.hpp"
#include "mensor/config/runtime_config.hpp"

namespace mensor::config {

using Environment = std::map<std::string, std::string>;

// Snapshot of the process environment (`environ`).
Environment ReadProcessEnvironment();

// Keys a plugin owns in runtime.yaml, validated like the core's own (types, required keys,
// unknown keys with suggestions). A path that is already a core section ("authentication") gets
// these keys merged into it (a plugin key replaces a core key of the same name).
struct PluginSection {
  std::string path;  // "metricSinks.statsd"
  std::vector<KeySpec> keys;
};

struct RuntimeLoadOptions {
  // Dotted paths owned by something that validates them itself; keys at or below them are not
  // checked at all. Matched case-insensitively.
  std::vector<std::string> extra_known_paths;
  std::vector<PluginSection> plugin_sections;
  // Accepted values of authentication.mode (case-insensitive, canonicalised to this spelling).
  std::vector<std::string> auth_modes = {"ServicePrincipal", "UserAssignedManagedIdentity",
                                         "SystemAssignedManagedIdentity", "SdkDefault"};
};

// Loads runtime.yaml, then applies environment overrides (later wins): variables named like the
// key path with "__" separators (server__httpPort), the same with prefix PROMITOR_, then with
// prefix PROMITOR_YAML_OVERRIDE_. Keys are case-insensitive everywhere. The first two stages only
// consider variables whose first segment is a known top-level section, so PATH, HOME, ... are
// never mistaken for configuration. Problems go to `diagnostics` (never thrown); missing keys
// get Promitor's defaults. A missing file is an error and leaves file_found false.
RuntimeConfig LoadRuntimeConfig(const std::string& path, const Environment& environment,
                                Diagnostics& diagnostics, const RuntimeLoadOptions& options = {});

// Same, from text; `file_name` is used in diagnostics.
RuntimeConfig LoadRuntimeConfigFromString(std::string_view yaml, const std::string& file_name,
                                          const Environment& environment, Diagnostics& diagnostics,
                                          const RuntimeLoadOptions& options = {});

// RuntimeKeys() with `options`' plugin sections spliced in and authentication.mode restricted to
// `options.auth_modes`: what LoadRuntimeConfig validates against and `mensor schema` describes.
std::vector<KeySpec> EffectiveRuntimeKeys(const RuntimeLoadOptions& options);

// Case-insensitive lookup of a dotted path ("metricSinks.statsd.host") in a runtime tree.
std::optional<YAML::Node> FindRuntimeKey(const YAML::Node& root, std::string_view dotted_path);

}  // namespace mensor::config

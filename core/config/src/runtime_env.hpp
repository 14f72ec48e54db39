#pragma once

#include <map>
#include <span>
#include <string>

#include <yaml-cpp/yaml.h>

#include "mensor/config/runtime_loader.hpp"

namespace mensor::config::internal {

// Lower-cased dotted path -> name of the environment variable that set it last, so problems in
// injected values are reported against the variable instead of a file position.
using EnvSources = std::map<std::string, std::string>;

// Applies the three override stages to `root` (which becomes a mapping if it was not one).
void ApplyEnvironmentOverrides(YAML::Node& root, const Environment& environment,
                               std::span<const std::string> known_top_level, EnvSources* sources);

// Finds the key of `map` equal to `key` ignoring case; returns its spelling in the document.
std::optional<std::string> FindKeyIgnoreCase(const YAML::Node& map, std::string_view key);

}  // namespace mensor::config::internal

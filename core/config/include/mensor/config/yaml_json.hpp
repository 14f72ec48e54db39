#pragma once

#include <functional>
#include <string_view>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

namespace mensor::config {

inline constexpr std::string_view kMaskedValue = "***";

// Converts a YAML tree to JSON for the configuration API. Scalars stay strings (YAML does not
// say which type a plugin will read them as). Values of keys for which `is_secret` returns true
// are replaced by kMaskedValue, whatever their shape.
nlohmann::json YamlToJson(const YAML::Node& node,
                          const std::function<bool(std::string_view key)>& is_secret = {});

}  // namespace mensor::config

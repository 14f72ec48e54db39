#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <mensor/plugin/plugin_kind.hpp>

namespace mensor::plugin {

// kLoaded: opened and version-checked, register not (yet) called.
// kRegistered: register succeeded; its types are in the registry.
// kRefused: unusable; `reason` says why. Never fatal by itself (D3).
enum class PluginState { kLoaded, kRegistered, kRefused };

std::string_view StateName(PluginState state);

struct ProvidedType {
  PluginKind kind;
  std::string name;
};

// One row of `mensor plugins`: a discovered file and what became of it. Plain value type.
struct PluginEntry {
  // From mensor_plugin_info; derived from the file name if the info could not be read.
  std::string name;
  std::string version;
  std::string description;
  std::filesystem::path file;
  uint32_t abi_version = 0;  // 0 when unknown
  PluginState state = PluginState::kRefused;
  std::string reason;  // empty unless refused
  std::vector<ProvidedType> provides;
};

}  // namespace mensor::plugin

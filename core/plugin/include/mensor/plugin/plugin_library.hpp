#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include <boost/dll/shared_library.hpp>

#include <mensor/abi.h>
#include <mensor/plugin/plugin_entry.hpp>

namespace mensor::plugin {

// An opened, version-checked library: its entry points plus the handle that keeps it mapped.
// `library` is null for libraries linked into the binary (D4 built-ins), which only need the
// entry points. Copyable; copies share the handle.
struct PluginLibrary {
  std::filesystem::path path;
  std::shared_ptr<boost::dll::shared_library> library;
  const mensor_plugin_info* info = nullptr;
  mensor_plugin_register_fn register_fn = nullptr;
  mensor_plugin_unload_fn unload_fn = nullptr;  // optional
};

// What loading one file produced: always an entry; a library only if it passed the checks.
struct LoadOutcome {
  PluginEntry entry;
  std::optional<PluginLibrary> library;
};

}  // namespace mensor::plugin

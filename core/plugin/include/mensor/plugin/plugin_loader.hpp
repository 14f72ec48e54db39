#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mensor/abi.h>
#include <mensor/plugin/plugin_library.hpp>

namespace mensor::plugin {

// Finds and opens plugin files (D1-D3 of the design). It runs no plugin code except the pure
// mensor_plugin_info_v1, never throws and never unloads what it opened: every handle it returns
// is also parked in a process-wide list that is never destroyed, so descriptor and function
// pointers stay valid until exit (M6).
//
// Thread-safety: all functions are safe to call concurrently; in practice the control thread
// calls them once at start-up.
class PluginLoader {
 public:
  static constexpr const char* kPathEnvVar = "MENSOR_PLUGIN_PATH";

  // D1: `configured` (runtime.yaml plugins.directories), then MENSOR_PLUGIN_PATH
  // (colon-separated, empty parts skipped), then DefaultDirectory(). Duplicates are dropped,
  // keeping the first position.
  static std::vector<std::filesystem::path> SearchPath(
      const std::vector<std::filesystem::path>& configured);
  // The same with explicit inputs, for tests and for callers that read the environment
  // through their own backend.
  static std::vector<std::filesystem::path> SearchPath(
      const std::vector<std::filesystem::path>& configured, std::optional<std::string> env_value,
      std::optional<std::filesystem::path> default_dir);

  // <dir of the running executable>/../lib/mensor/plugins, normalised; nullopt if the
  // executable's location cannot be determined.
  static std::optional<std::filesystem::path> DefaultDirectory();

  // D2: "libmensor-plugin-<name>.so" -> "<name>"; nullopt for any other file name.
  static std::optional<std::string> PluginNameFromFile(std::string_view file_name);

  // Opens one file and checks its info against `host_abi_version` (load rule in abi.h).
  static LoadOutcome LoadFile(const std::filesystem::path& file,
                              uint32_t host_abi_version = MENSOR_ABI_VERSION);

  // Loads every matching file of every directory, in search-path order and, within a
  // directory, in file-name order. Missing directories are skipped with a debug log.
  static std::vector<LoadOutcome> Scan(const std::vector<std::filesystem::path>& directories,
                                       uint32_t host_abi_version = MENSOR_ABI_VERSION);

  // Why a plugin built against `plugin_abi` cannot be loaded by `host_abi`; nullopt if it can.
  static std::optional<std::string> CheckAbiVersion(uint32_t plugin_abi, uint32_t host_abi);
};

}  // namespace mensor::plugin

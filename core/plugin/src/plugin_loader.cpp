#include <mensor/plugin/plugin_loader.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <system_error>

#include <spdlog/spdlog.h>
#include <boost/dll/runtime_symbol_info.hpp>

#ifndef MENSOR_PLUGIN_SUBDIR
#define MENSOR_PLUGIN_SUBDIR "lib/mensor/plugins"
#endif

namespace mensor::plugin {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSuffix = ".so";
constexpr size_t kMinInfoSize = offsetof(mensor_plugin_info, name) + sizeof(const char*);
constexpr size_t kVersionedInfoSize = offsetof(mensor_plugin_info, abi_version) + sizeof(uint32_t);

// Handles are parked here and never released: plugin code and static data must stay mapped
// until exit (M6), also after the registry that used them is gone.
void KeepAlive(std::shared_ptr<boost::dll::shared_library> library) {
  static std::mutex mutex;
  static auto* parked = new std::vector<std::shared_ptr<boost::dll::shared_library>>();
  std::lock_guard lock(mutex);
  parked->push_back(std::move(library));
}

std::string VersionText(uint32_t version) {
  return std::to_string(MENSOR_ABI_MAJOR_OF(version)) + "." +
         std::to_string(MENSOR_ABI_MINOR_OF(version));
}

LoadOutcome Refused(PluginEntry entry, std::string reason) {
  spdlog::warn("plugin {} refused: {}", entry.file.string(), reason);
  entry.state = PluginState::kRefused;
  entry.reason = std::move(reason);
  return LoadOutcome{std::move(entry), std::nullopt};
}

LoadOutcome LoadChecked(const fs::path& file, uint32_t host_abi_version) {
  PluginEntry entry;
  entry.file = file;
  entry.name =
      PluginLoader::PluginNameFromFile(file.filename().string()).value_or(file.filename().string());

  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  dlerror();  // clear, so the message read below is this load's
  library->load(boost::dll::fs::path(file.string()),
                boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, ec);
  if (ec || !library->is_loaded()) {
    const char* error = dlerror();
    return Refused(std::move(entry),
                   "not a loadable library: " + std::string(error ? error : ec.message()));
  }
  KeepAlive(library);

  if (!library->has(MENSOR_PLUGIN_INFO_SYMBOL)) {
    return Refused(std::move(entry), "missing entry point " MENSOR_PLUGIN_INFO_SYMBOL);
  }
  auto& info_fn = library->get<const mensor_plugin_info*()>(MENSOR_PLUGIN_INFO_SYMBOL);
  const mensor_plugin_info* info = info_fn();
  if (info == nullptr) return Refused(std::move(entry), MENSOR_PLUGIN_INFO_SYMBOL " returned NULL");
  if (info->struct_size < kVersionedInfoSize) {
    return Refused(std::move(entry), "plugin info struct_size " +
                                         std::to_string(info->struct_size) + " is too small");
  }
  entry.abi_version = info->abi_version;
  if (auto reason = PluginLoader::CheckAbiVersion(info->abi_version, host_abi_version)) {
    return Refused(std::move(entry), *reason);
  }
  if (info->struct_size < kMinInfoSize) {
    return Refused(std::move(entry), "plugin info struct_size " +
                                         std::to_string(info->struct_size) + " is too small");
  }
  // Same major and not newer, so anything beyond our struct would be a plugin bug: read only
  // what both sides know (A3).
  mensor_plugin_info copy{};
  std::memcpy(&copy, info, std::min<size_t>(info->struct_size, sizeof(copy)));
  if (copy.name == nullptr || copy.name[0] == '\0') {
    return Refused(std::move(entry), "plugin info has no name");
  }
  entry.name = copy.name;
  if (copy.version != nullptr) entry.version = copy.version;
  if (copy.description != nullptr) entry.description = copy.description;

  if (!library->has(MENSOR_PLUGIN_REGISTER_SYMBOL)) {
    return Refused(std::move(entry), "missing entry point " MENSOR_PLUGIN_REGISTER_SYMBOL);
  }
  PluginLibrary loaded;
  loaded.path = file;
  loaded.library = library;
  loaded.info = info;
  loaded.register_fn =
      &library->get<mensor_status(const mensor_host_api*, mensor_registrar*, mensor_call*)>(
          MENSOR_PLUGIN_REGISTER_SYMBOL);
  if (library->has(MENSOR_PLUGIN_UNLOAD_SYMBOL)) {
    loaded.unload_fn = &library->get<void()>(MENSOR_PLUGIN_UNLOAD_SYMBOL);
  }
  entry.state = PluginState::kLoaded;
  spdlog::debug("plugin {} {} (ABI {}) loaded from {}", entry.name, entry.version,
                VersionText(entry.abi_version), file.string());
  return LoadOutcome{std::move(entry), std::move(loaded)};
}

}  // namespace

std::optional<std::string> PluginLoader::CheckAbiVersion(uint32_t plugin_abi, uint32_t host_abi) {
  const uint32_t plugin_major = MENSOR_ABI_MAJOR_OF(plugin_abi);
  const uint32_t host_major = MENSOR_ABI_MAJOR_OF(host_abi);
  if (plugin_major > host_major ||
      (plugin_major == host_major &&
       MENSOR_ABI_MINOR_OF(plugin_abi) > MENSOR_ABI_MINOR_OF(host_abi))) {
    return "ABI " + VersionText(plugin_abi) + " is newer than this host's " + VersionText(host_abi);
  }
  if (plugin_major < host_major) {
    return "ABI " + VersionText(plugin_abi) + " is older than this host's " +
           VersionText(host_abi) + " (major versions differ)";
  }
  return std::nullopt;
}

std::optional<std::string> PluginLoader::PluginNameFromFile(std::string_view file_name) {
  constexpr std::string_view kPrefix = MENSOR_PLUGIN_FILE_PREFIX;
  if (file_name.size() <= kPrefix.size() + kSuffix.size() || !file_name.starts_with(kPrefix) ||
      !file_name.ends_with(kSuffix)) {
    return std::nullopt;
  }
  return std::string(
      file_name.substr(kPrefix.size(), file_name.size() - kPrefix.size() - kSuffix.size()));
}

std::optional<fs::path> PluginLoader::DefaultDirectory() {
  boost::dll::fs::error_code ec;
  const auto program = boost::dll::program_location(ec);
  if (ec) return std::nullopt;
  return (fs::path(program.string()).parent_path() / ".." / MENSOR_PLUGIN_SUBDIR)
      .lexically_normal();
}

std::vector<fs::path> PluginLoader::SearchPath(const std::vector<fs::path>& configured) {
  const char* env = std::getenv(kPathEnvVar);
  return SearchPath(configured, env ? std::optional<std::string>(env) : std::nullopt,
                    DefaultDirectory());
}

std::vector<fs::path> PluginLoader::SearchPath(const std::vector<fs::path>& configured,
                                               std::optional<std::string> env_value,
                                               std::optional<fs::path> default_dir) {
  std::vector<fs::path> path;
  auto add = [&path](const fs::path& dir) {
    if (dir.empty()) return;
    const fs::path normal = dir.lexically_normal();
    if (std::find(path.begin(), path.end(), normal) == path.end()) path.push_back(normal);
  };
  for (const auto& dir : configured) add(dir);
  if (env_value) {
    std::string_view rest = *env_value;
    while (!rest.empty()) {
      const size_t colon = rest.find(':');
      add(fs::path(std::string(rest.substr(0, colon))));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  if (default_dir) add(*default_dir);
  return path;
}

LoadOutcome PluginLoader::LoadFile(const fs::path& file, uint32_t host_abi_version) {
  try {
    return LoadChecked(file, host_abi_version);
  } catch (const std::exception& e) {
    PluginEntry entry;
    entry.file = file;
    entry.name = PluginNameFromFile(file.filename().string()).value_or(file.filename().string());
    return Refused(std::move(entry), std::string("cannot load: ") + e.what());
  }
}

std::vector<LoadOutcome> PluginLoader::Scan(const std::vector<fs::path>& directories,
                                            uint32_t host_abi_version) {
  std::vector<LoadOutcome> outcomes;
  for (const auto& dir : directories) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      spdlog::debug("plugin directory {} does not exist; skipped", dir.string());
      continue;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      files.push_back(it->path());
    }
    if (ec) spdlog::warn("cannot list plugin directory {}: {}", dir.string(), ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      if (!PluginNameFromFile(file.filename().string())) {
        spdlog::debug("ignoring {}: not named {}<name>{}", file.string(), MENSOR_PLUGIN_FILE_PREFIX,
                      kSuffix);
        continue;
      }
      if (!fs::is_regular_file(file, ec)) {
        spdlog::debug("ignoring {}: not a regular file", file.string());
        continue;
      }
      outcomes.push_back(LoadFile(file, host_abi_version));
    }
  }
  return outcomes;
}

}  // namespace mensor::plugin

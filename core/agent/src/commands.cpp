#include "mensor/agent/commands.hpp"

#include <fmt/format.h>

#include "mensor/agent/configuration.hpp"
#include "mensor/agent/logging.hpp"
#include "mensor/config/runtime_loader.hpp"
#include "mensor/plugin/host_api.hpp"

namespace mensor::agent {

int ListPlugins(const AgentOptions& options) {
  SetUpLogging(spdlog::level::warn);
  config::RuntimeConfig runtime;  // only its plugins.directories matter here
  if (!options.config_folder.empty()) {
    config::Diagnostics ignored;
    runtime = config::LoadRuntimeConfig((options.config_folder / "runtime.yaml").string(),
                                        options.environment, ignored);
  }
  plugin::PluginRegistry registry(plugin::HostApi());
  const auto search_path = LoadPlugins(runtime, options.environment, registry);

  fmt::print("Plugin search path:\n");
  for (const auto& dir : search_path) fmt::print("  {}\n", dir.string());
  size_t refused = 0;
  for (const auto& entry : registry.Entries()) {
    const bool ok = entry.state != plugin::PluginState::kRefused;
    refused += ok ? 0 : 1;
    fmt::print("\n{} {} ({})\n  file: {}\n  abi:  {}.{}\n", entry.name,
               entry.version.empty() ? "" : entry.version, plugin::StateName(entry.state),
               entry.file.string(), MENSOR_ABI_MAJOR_OF(entry.abi_version),
               MENSOR_ABI_MINOR_OF(entry.abi_version));
    if (!ok) fmt::print("  refused: {}\n", entry.reason);
    for (const auto& type : entry.provides) {
      fmt::print("  provides {} '{}'\n", plugin::KindName(type.kind), type.name);
    }
  }
  fmt::print("\n{} plugin librar{}, {} refused\n", registry.Entries().size(),
             registry.Entries().size() == 1 ? "y" : "ies", refused);
  return kExitOk;
}

int Validate(const AgentOptions& options) {
  SetUpLogging(spdlog::level::warn);
  config::Diagnostics diagnostics;
  plugin::PluginRegistry registry(plugin::HostApi());
  LoadedConfiguration loaded;
  const auto outcome =
      LoadConfiguration(options.config_folder, options.environment, registry, diagnostics, loaded);
  if (!diagnostics.Empty()) fmt::print(stderr, "{}", diagnostics.Format());
  if (outcome == LoadOutcomeCode::kNoRuntimeFile) return kExitNoRuntimeFile;
  fmt::print("{:<32} {:<24} {:<10} {:<14} {}\n", "METRIC", "AZURE METRIC", "AGGREGATION",
             "SCHEDULE", "RESOURCE");
  for (const auto& target : loaded.targets) {
    fmt::print("{:<32} {:<24} {:<10} {:<14} {}\n", target.metric_name, target.azure_metric_name,
               azure::ToString(target.aggregation), target.schedule ? target.schedule->Text() : "-",
               target.resource_uri());
  }
  fmt::print("{} error(s), {} warning(s)\n", diagnostics.ErrorCount(), diagnostics.WarningCount());
  return outcome == LoadOutcomeCode::kOk ? kExitOk : kExitBadConfig;
}

}  // namespace mensor::agent

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mensor/agent/scrape_target.hpp"
#include "mensor/azure/cloud.hpp"
#include "mensor/config/diagnostics.hpp"
#include "mensor/config/metrics_declaration.hpp"
#include "mensor/config/runtime_config.hpp"
#include "mensor/config/runtime_loader.hpp"
#include "mensor/plugin/plugin_registry.hpp"

namespace mensor::agent {

/// A configured sink: the runtime.yaml section it was declared with and its plugin.
struct ConfiguredSink {
  std::string name;  // the plugin's sink name
  YAML::Node section;
  plugin::RegisteredSink type;
};

/// Everything start-up resolves from the configuration folder and the plugins.
struct LoadedConfiguration {
  config::RuntimeConfig runtime;
  config::MetricsDeclaration declaration;
  std::string declaration_path;
  azure::CloudEndpoints cloud;
  std::vector<ScrapeTarget> targets;
  std::optional<plugin::RegisteredAuthMode> auth_mode;
  YAML::Node auth_config;  // what the auth mode plugin reads
  std::string app_id;      // identity named in self-metrics (app_id label)
  std::vector<ConfiguredSink> sinks;
};

enum class LoadOutcomeCode {
  kOk = 0,
  kErrors = 2,         // diagnostics hold at least one error
  kNoRuntimeFile = 4,  // Promitor's exit code for a missing runtime.yaml
};

/// Discovers the plugins (runtime plugins.directories, MENSOR_PLUGIN_PATH, the default directory)
/// and registers them into `registry`; returns the search path used.
std::vector<std::filesystem::path> LoadPlugins(const config::RuntimeConfig& runtime,
                                               const config::Environment& environment,
                                               plugin::PluginRegistry& registry);

/// Auth-mode schema keys the host fills in itself (mode, tenantId, authorityHost), not users.
bool IsHostProvidedAuthKey(std::string_view key);

/// How runtime.yaml is judged given the registered plugins: every sink's section against its
/// schema, the authentication section against the chosen mode's schema (read from `first_pass`,
/// a load without plugin knowledge), authentication.mode against the available modes.
config::RuntimeLoadOptions PluginRuntimeOptions(const config::RuntimeConfig& first_pass,
                                                const plugin::PluginRegistry& registry);

/// Loads runtime.yaml from `folder` (with environment overrides), discovers and registers plugins
/// (runtime plugins.directories, MENSOR_PLUGIN_PATH, the default directory) into `registry`, loads
/// the metrics declaration (metricsConfiguration.absolutePath, default `folder`/
/// metrics-declaration.yaml), and resolves targets, the auth mode and the sinks. Every problem is
/// collected in `diagnostics`; nothing is thrown for user errors.
LoadOutcomeCode LoadConfiguration(const std::filesystem::path& folder,
                                  const config::Environment& environment,
                                  plugin::PluginRegistry& registry,
                                  config::Diagnostics& diagnostics, LoadedConfiguration& out);

/// Which files LoadConfigurationFiles reads (`mensor validate FILE...`).
struct ConfigurationFiles {
  std::optional<std::string> runtime;      // none: Promitor's defaults, no file
  std::optional<std::string> declaration;  // none: from `folder` / the runtime, else not loaded
  std::optional<std::filesystem::path> folder;
};

/// LoadConfiguration for explicit files: a runtime.yaml alone, a declaration alone, or both.
LoadOutcomeCode LoadConfigurationFiles(const ConfigurationFiles& files,
                                       const config::Environment& environment,
                                       plugin::PluginRegistry& registry,
                                       config::Diagnostics& diagnostics, LoadedConfiguration& out);

}  // namespace mensor::agent

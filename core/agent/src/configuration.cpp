#include "mensor/agent/configuration.hpp"

#include <algorithm>
#include <array>

#include "mensor/agent/target_builder.hpp"
#include "mensor/config/declaration_loader.hpp"
#include "mensor/plugin/config_schema.hpp"
#include "mensor/plugin/plugin_loader.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {
namespace {

using util::EqualsIgnoreCase;

// Auth-mode keys the host fills in itself (from azureMetadata and the cloud); not user keys.
constexpr std::array<std::string_view, 3> kHostProvidedAuthKeys = {"mode", "tenantId",
                                                                   "authorityHost"};

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined.empty() ? "none" : joined;
}

azure::CloudEndpoints ResolveCloud(const config::AzureMetadata& metadata) {
  switch (metadata.cloud) {
    case config::AzureCloud::kChina:
      return azure::ForCloud(azure::CloudName::kChina);
    case config::AzureCloud::kUsGov:
      return azure::ForCloud(azure::CloudName::kUsGov);
    case config::AzureCloud::kCustom: {
      azure::CustomEndpoints custom;
      if (metadata.endpoints) {
        custom.authentication_endpoint = metadata.endpoints->authentication_endpoint;
        custom.resource_manager_endpoint = metadata.endpoints->resource_manager_endpoint;
        custom.metrics_query_audience = metadata.endpoints->metrics_query_audience;
        custom.metrics_client_audience = metadata.endpoints->metrics_client_audience;
        custom.log_analytics_endpoint = metadata.endpoints->log_analytics_endpoint.value_or("");
        custom.storage_endpoint_suffix = metadata.endpoints->storage_endpoint_suffix;
        custom.metrics_batch_endpoint = metadata.endpoints->metrics_batch_endpoint;
      }
      return azure::ForCustomCloud(custom);
    }
    case config::AzureCloud::kGlobal:
      break;
  }
  return azure::ForCloud(azure::CloudName::kGlobal);
}

void ResolveSinks(const config::RuntimeConfig& runtime, const plugin::PluginRegistry& registry,
                  config::Diagnostics& diagnostics, LoadedConfiguration& out) {
  const auto sinks = config::FindRuntimeKey(runtime.raw, "metricSinks");
  if (!sinks || !sinks->IsMap()) return;
  const auto available = registry.AvailableNames(plugin::PluginKind::kSink);
  for (const auto& item : *sinks) {
    const std::string key = item.first.as<std::string>();
    auto name = std::find_if(available.begin(), available.end(),
                             [&](const std::string& sink) { return EqualsIgnoreCase(sink, key); });
    if (name == available.end()) {
      diagnostics.Error(runtime.source_file, item.first.Mark(),
                        "metricSinks." + key +
                            " is configured but no plugin provides a sink named '" + key +
                            "'; available sinks: " + JoinNames(available));
      continue;
    }
    out.sinks.push_back(ConfiguredSink{*name, item.second, *registry.FindSink(*name)});
  }
}

void ResolveAuth(const plugin::PluginRegistry& registry, config::Diagnostics& diagnostics,
                 LoadedConfiguration& out) {
  const config::AuthenticationConfig& auth = out.runtime.authentication;
  out.auth_mode = registry.FindAuthMode(auth.mode);
  if (!out.auth_mode) {
    const auto available = registry.AvailableNames(plugin::PluginKind::kAuthMode);
    // A mode outside a non-empty list was already reported at its position by the loader.
    if (available.empty() || !config::FindRuntimeKey(out.runtime.raw, "authentication.mode")) {
      diagnostics.Add(
          config::Diagnostic{config::Severity::kError, out.runtime.source_file, 0, 0,
                             "authentication.mode '" + auth.mode +
                                 "' is not available; available modes: " + JoinNames(available)});
    }
    return;
  }
  // Every key of the section reaches the plugin, so a mode's own keys need no core change.
  YAML::Node node(YAML::NodeType::Map);
  if (const auto section = config::FindRuntimeKey(out.runtime.raw, "authentication");
      section && section->IsMap()) {
    for (const auto& entry : *section) {
      if (!IsHostProvidedAuthKey(entry.first.Scalar())) {
        node[entry.first.Scalar()] = YAML::Clone(entry.second);
      }
    }
  }
  if (auth.identity_id) node["identityId"] = *auth.identity_id;
  if (auth.secret_file_path) node["secretFilePath"] = *auth.secret_file_path;
  if (auth.secret_file_name) node["secretFileName"] = *auth.secret_file_name;
  node["tenantId"] = out.declaration.azure_metadata.tenant_id;
  node["authorityHost"] = out.cloud.authority_host;
  out.auth_config = node;
  if (auth.identity_id && !auth.identity_id->empty()) {
    out.app_id = *auth.identity_id;
  } else if (auth.mode == "SystemAssignedManagedIdentity") {
    out.app_id = "system-assigned-identity";
  } else {
    out.app_id = "externally-configured-user-assigned-identity";
  }
}

// promitor-compat.md §1.10: discovery groups need a Resource Discovery agent to ask.
void CheckResourceDiscovery(const LoadedConfiguration& out, config::Diagnostics& diagnostics) {
  if (out.runtime.resource_discovery.IsConfigured()) return;
  for (const auto& metric : out.declaration.metrics) {
    if (metric.resource_discovery_groups.empty()) continue;
    diagnostics.Add(config::Diagnostic{
        config::Severity::kError, metric.location.file, metric.location.line,
        metric.location.column,
        "metric '" + metric.name +
            "' uses 'resourceDiscoveryGroups' but runtime.yaml configures no resource discovery "
            "agent; set 'resourceDiscovery.host' (and 'resourceDiscovery.port')"});
  }
}

}  // namespace

bool IsHostProvidedAuthKey(std::string_view key) {
  return std::any_of(kHostProvidedAuthKeys.begin(), kHostProvidedAuthKeys.end(),
                     [&](std::string_view host_key) { return EqualsIgnoreCase(host_key, key); });
}

config::RuntimeLoadOptions PluginRuntimeOptions(const config::RuntimeConfig& first_pass,
                                                const plugin::PluginRegistry& registry) {
  config::RuntimeLoadOptions options;
  for (const auto& name : registry.AvailableNames(plugin::PluginKind::kSink)) {
    options.plugin_sections.push_back(
        {"metricSinks." + name, plugin::ToKeySpecs(registry.FindSink(name)->desc.config)});
  }
  options.auth_modes = registry.AvailableNames(plugin::PluginKind::kAuthMode);
  // The chosen mode's keys join the authentication section (as written, before validation).
  std::string mode = "ServicePrincipal";
  if (const auto written = config::FindRuntimeKey(first_pass.raw, "authentication.mode");
      written && written->IsScalar()) {
    mode = written->Scalar();
  }
  if (const auto auth_mode = registry.FindAuthMode(mode)) {
    config::PluginSection section{"authentication", {}};
    for (auto& key : plugin::ToKeySpecs(auth_mode->desc.config)) {
      if (!IsHostProvidedAuthKey(key.name)) section.keys.push_back(std::move(key));
    }
    options.plugin_sections.push_back(std::move(section));
  }
  return options;
}

std::vector<std::filesystem::path> LoadPlugins(const config::RuntimeConfig& runtime,
                                               const config::Environment& environment,
                                               plugin::PluginRegistry& registry) {
  std::vector<std::filesystem::path> configured(runtime.plugins.directories.begin(),
                                                runtime.plugins.directories.end());
  std::optional<std::string> env_path;
  if (auto it = environment.find(plugin::PluginLoader::kPathEnvVar); it != environment.end()) {
    env_path = it->second;
  }
  auto search_path = plugin::PluginLoader::SearchPath(configured, env_path,
                                                      plugin::PluginLoader::DefaultDirectory());
  registry.AddAll(plugin::PluginLoader::Scan(search_path));
  registry.RegisterAll();
  return search_path;
}

LoadOutcomeCode LoadConfiguration(const std::filesystem::path& folder,
                                  const config::Environment& environment,
                                  plugin::PluginRegistry& registry,
                                  config::Diagnostics& diagnostics, LoadedConfiguration& out) {
  ConfigurationFiles files;
  files.runtime = (folder / "runtime.yaml").string();
  files.folder = folder;
  return LoadConfigurationFiles(files, environment, registry, diagnostics, out);
}

LoadOutcomeCode LoadConfigurationFiles(const ConfigurationFiles& files,
                                       const config::Environment& environment,
                                       plugin::PluginRegistry& registry,
                                       config::Diagnostics& diagnostics, LoadedConfiguration& out) {
  const auto load_runtime = [&](config::Diagnostics& into,
                                const config::RuntimeLoadOptions& options) {
    return files.runtime
               ? config::LoadRuntimeConfig(*files.runtime, environment, into, options)
               : config::LoadRuntimeConfigFromString("", "(defaults)", environment, into, options);
  };
  {
    // A first, silent pass only to learn where plugins live: the real pass needs the plugins'
    // sink sections and auth modes to judge the file.
    config::Diagnostics ignored;
    out.runtime = load_runtime(ignored, {});
    if (!out.runtime.file_found) {
      diagnostics.Append(ignored);
      return LoadOutcomeCode::kNoRuntimeFile;
    }
    LoadPlugins(out.runtime, environment, registry);
  }
  out.runtime = load_runtime(diagnostics, PluginRuntimeOptions(out.runtime, registry));

  if (files.declaration) {
    out.declaration_path = *files.declaration;
  } else if (files.folder) {
    const bool path_given =
        config::FindRuntimeKey(out.runtime.raw, "metricsConfiguration.absolutePath").has_value();
    out.declaration_path = path_given ? out.runtime.metrics_configuration.absolute_path
                                      : (*files.folder / "metrics-declaration.yaml").string();
  }
  if (!out.declaration_path.empty()) {
    config::DeclarationLoadOptions declaration_options;
    declaration_options.resource_types = registry.AvailableNames(plugin::PluginKind::kResourceType);
    declaration_options.resource_schema =
        [&registry](std::string_view type) -> std::optional<std::vector<config::KeySpec>> {
      const auto found = registry.FindResourceType(type);
      if (!found) return std::nullopt;
      return plugin::ToKeySpecs(found->desc.config);
    };
    out.declaration =
        config::LoadMetricsDeclaration(out.declaration_path, diagnostics, declaration_options);
    out.cloud = ResolveCloud(out.declaration.azure_metadata);
    out.targets = BuildTargets(out.declaration, registry, diagnostics);
    if (files.runtime) CheckResourceDiscovery(out, diagnostics);
  }
  ResolveAuth(registry, diagnostics, out);
  ResolveSinks(out.runtime, registry, diagnostics, out);
  return diagnostics.HasErrors() ? LoadOutcomeCode::kErrors : LoadOutcomeCode::kOk;
}

}  // namespace mensor::agent

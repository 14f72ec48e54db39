#include "mensor/agent/configuration.hpp"

#include <algorithm>

#include "mensor/agent/target_builder.hpp"
#include "mensor/config/declaration_loader.hpp"
#include "mensor/plugin/plugin_loader.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {
namespace {

using util::EqualsIgnoreCase;

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

void ResolveAuth(const plugin::PluginRegistry& registry, const config::Environment& environment,
                 config::Diagnostics& diagnostics, LoadedConfiguration& out) {
  const config::AuthenticationConfig& auth = out.runtime.authentication;
  out.auth_mode = registry.FindAuthMode(auth.mode);
  if (!out.auth_mode) {
    diagnostics.Add(config::Diagnostic{
        config::Severity::kError, out.runtime.source_file, 0, 0,
        "authentication.mode '" + auth.mode + "' is not available; available modes: " +
            JoinNames(registry.AvailableNames(plugin::PluginKind::kAuthMode))});
    return;
  }
  YAML::Node node(YAML::NodeType::Map);
  if (auth.identity_id) node["identityId"] = *auth.identity_id;
  if (auth.secret_file_path) node["secretFilePath"] = *auth.secret_file_path;
  if (auth.secret_file_name) node["secretFileName"] = *auth.secret_file_name;
  if (auth.certificate_path) node["certificatePath"] = *auth.certificate_path;
  if (auth.identity_id_type) node["identityIdType"] = *auth.identity_id_type;
  node["tenantId"] = out.declaration.azure_metadata.tenant_id;
  node["authorityHost"] = out.cloud.authority_host;
  out.auth_config = node;
  // The app_id label of self-metrics, with Promitor's names for identities it cannot name.
  const auto client_id_env = environment.find("AZURE_CLIENT_ID");
  if (auth.identity_id && !auth.identity_id->empty() && auth.mode != "SdkDefault") {
    out.app_id = *auth.identity_id;
  } else if (auth.mode == "SystemAssignedManagedIdentity") {
    out.app_id = "system-assigned-identity";
  } else if (auth.mode == "SdkDefault") {
    out.app_id = "default-azure-credentials";
  } else if (auth.mode == "WorkloadIdentity" && client_id_env != environment.end() &&
             !client_id_env->second.empty()) {
    out.app_id = client_id_env->second;
  } else {
    out.app_id = "externally-configured-user-assigned-identity";
  }
}

}  // namespace

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
  const std::string runtime_path = (folder / "runtime.yaml").string();
  {
    // A first, silent pass only to learn where plugins live: the real pass needs the plugins'
    // sink sections and auth modes to judge the file.
    config::Diagnostics ignored;
    out.runtime = config::LoadRuntimeConfig(runtime_path, environment, ignored);
    if (!out.runtime.file_found) {
      diagnostics.Append(ignored);
      return LoadOutcomeCode::kNoRuntimeFile;
    }
    LoadPlugins(out.runtime, environment, registry);
  }
  config::RuntimeLoadOptions runtime_options;
  for (const auto& sink : registry.AvailableNames(plugin::PluginKind::kSink)) {
    runtime_options.extra_known_paths.push_back("metricSinks." + sink);
  }
  runtime_options.auth_modes = registry.AvailableNames(plugin::PluginKind::kAuthMode);
  out.runtime = config::LoadRuntimeConfig(runtime_path, environment, diagnostics, runtime_options);

  const bool path_given =
      config::FindRuntimeKey(out.runtime.raw, "metricsConfiguration.absolutePath").has_value();
  out.declaration_path = path_given ? out.runtime.metrics_configuration.absolute_path
                                    : (folder / "metrics-declaration.yaml").string();
  config::DeclarationLoadOptions declaration_options;
  declaration_options.resource_types = registry.AvailableNames(plugin::PluginKind::kResourceType);
  declaration_options.resource_schema =
      [&registry](std::string_view type) -> std::optional<std::vector<config::KeySpec>> {
    const auto found = registry.FindResourceType(type);
    if (!found) return std::nullopt;
    return ToKeySpecs(found->desc.config);
  };
  out.declaration =
      config::LoadMetricsDeclaration(out.declaration_path, diagnostics, declaration_options);
  out.cloud = ResolveCloud(out.declaration.azure_metadata);
  out.targets = BuildTargets(out.declaration, registry, diagnostics);
  ResolveAuth(registry, environment, diagnostics, out);
  ResolveSinks(out.runtime, registry, diagnostics, out);
  return diagnostics.HasErrors() ? LoadOutcomeCode::kErrors : LoadOutcomeCode::kOk;
}

}  // namespace mensor::agent

#include "mensor/agent/commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>

#include "mensor/agent/config_schemas.hpp"
#include "mensor/agent/configuration.hpp"
#include "mensor/agent/logging.hpp"
#include "mensor/config/key_spec_text.hpp"
#include "mensor/config/runtime_loader.hpp"
#include "mensor/config/time_span.hpp"
#include "mensor/plugin/config_schema.hpp"
#include "mensor/plugin/host_api.hpp"

namespace mensor::agent {
namespace {

// A declaration has one of its four top-level keys; anything else is taken for runtime.yaml.
bool LooksLikeDeclaration(const std::filesystem::path& file) {
  try {
    const YAML::Node root = YAML::LoadFile(file.string());
    if (root.IsMap()) {
      for (const char* key : {"version", "azureMetadata", "metricDefaults", "metrics"}) {
        if (root[key]) return true;
      }
      return false;
    }
  } catch (const YAML::Exception&) {
    // Unreadable or malformed: judged by its name, the loader reports the problem.
  }
  return file.filename().string().find("runtime") == std::string::npos;
}

// Fills `files` from the command line; false (after printing why) when they do not add up.
bool SelectFiles(const AgentOptions& options, const ValidateOptions& validate,
                 ConfigurationFiles& files) {
  if (validate.runtime_file) files.runtime = validate.runtime_file->string();
  if (validate.declaration_file) files.declaration = validate.declaration_file->string();
  for (const auto& file : validate.files) {
    auto& slot = LooksLikeDeclaration(file) ? files.declaration : files.runtime;
    if (slot) {
      fmt::print(stderr, "mensor validate: '{}' and '{}' are both {}; give one of each\n", *slot,
                 file.string(), &slot == &files.declaration ? "declarations" : "runtime files");
      return false;
    }
    slot = file.string();
  }
  if (files.runtime || files.declaration) return true;
  if (options.config_folder.empty()) {
    fmt::print(stderr,
               "mensor validate: nothing to check: pass --config-folder DIR, set "
               "PROMITOR_CONFIG_FOLDER or name the files\n");
    return false;
  }
  files.runtime = (options.config_folder / "runtime.yaml").string();
  files.folder = options.config_folder;
  return true;
}

// A registry of the plugins `options` would load (plugins.directories of its folder, if any).
void LoadPluginsFor(const AgentOptions& options, plugin::PluginRegistry& registry,
                    std::vector<std::filesystem::path>* search_path = nullptr) {
  config::RuntimeConfig runtime;  // only its plugins.directories matter here
  if (!options.config_folder.empty()) {
    config::Diagnostics ignored;
    runtime = config::LoadRuntimeConfig((options.config_folder / "runtime.yaml").string(),
                                        options.environment, ignored);
  }
  auto path = LoadPlugins(runtime, options.environment, registry);
  if (search_path != nullptr) *search_path = std::move(path);
}

void PrintSummary(const LoadedConfiguration& loaded) {
  std::map<std::string, size_t> resources;  // metric name -> targets built
  for (const auto& target : loaded.targets) ++resources[target.metric_name];
  const auto interval = [](const config::MetricDefinition& metric) -> std::string {
    if (metric.azure_metric_configuration &&
        metric.azure_metric_configuration->aggregation_interval) {
      return config::FormatTimeSpan(*metric.azure_metric_configuration->aggregation_interval);
    }
    if (metric.log_analytics_configuration &&
        metric.log_analytics_configuration->aggregation_interval) {
      return config::FormatTimeSpan(*metric.log_analytics_configuration->aggregation_interval);
    }
    return "-";
  };
  fmt::print("{:<32} {:<24} {:<11} {:<9} {:<16} {:<24} {}\n", "METRIC", "AZURE METRIC",
             "AGGREGATION", "INTERVAL", "SCHEDULE", "RESOURCE TYPE", "RESOURCES");
  for (const auto& metric : loaded.declaration.metrics) {
    const auto& azure = metric.azure_metric_configuration;
    std::string targets = std::to_string(resources[metric.name]);
    if (!metric.resource_discovery_groups.empty()) {
      targets += fmt::format(" + {} discovery group(s)", metric.resource_discovery_groups.size());
    }
    fmt::print("{:<32} {:<24} {:<11} {:<9} {:<16} {:<24} {}\n", metric.name,
               azure ? azure->metric_name : "-",
               azure ? std::string(config::AggregationTypeName(azure->aggregation_type)) : "-",
               interval(metric), metric.schedule.empty() ? "-" : metric.schedule,
               metric.resource_type, targets);
    // The resources it resolves to, as their resource_uri label will read.
    for (const auto& target : loaded.targets) {
      if (target.metric_name == metric.name) fmt::print("  {}\n", target.resource_uri());
    }
  }
}

}  // namespace

int ListPlugins(const AgentOptions& options, bool describe) {
  SetUpLogging(spdlog::level::warn);
  plugin::PluginRegistry registry(plugin::HostApi());
  std::vector<std::filesystem::path> search_path;
  LoadPluginsFor(options, registry, &search_path);

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
      if (describe) {
        fmt::print("{}",
                   config::DescribeKeys(plugin::KeysOf(registry, type.kind, type.name), "    "));
      }
    }
  }
  fmt::print("\n{} plugin librar{}, {} refused\n", registry.Entries().size(),
             registry.Entries().size() == 1 ? "y" : "ies", refused);
  return kExitOk;
}

int Validate(const AgentOptions& options, const ValidateOptions& validate) {
  SetUpLogging(spdlog::level::warn);
  ConfigurationFiles files;
  if (!SelectFiles(options, validate, files)) return kExitBadConfig;
  config::Diagnostics diagnostics;
  plugin::PluginRegistry registry(plugin::HostApi());
  LoadedConfiguration loaded;
  LoadConfigurationFiles(files, options.environment, registry, diagnostics, loaded);
  if (!diagnostics.Empty()) fmt::print(stderr, "{}", diagnostics.Format());
  if (files.declaration || files.folder) PrintSummary(loaded);
  fmt::print("{} error(s), {} warning(s)\n", diagnostics.ErrorCount(), diagnostics.WarningCount());
  if (diagnostics.HasErrors()) return kExitBadConfig;
  return validate.strict && diagnostics.WarningCount() > 0 ? kExitFailure : kExitOk;
}

int Schema(const AgentOptions& options, const std::optional<std::filesystem::path>& output_dir,
           bool check) {
  SetUpLogging(spdlog::level::warn);
  plugin::PluginRegistry registry(plugin::HostApi());
  LoadPluginsFor(options, registry);
  const std::pair<const char*, nlohmann::json> documents[] = {
      {"runtime.schema.json", RuntimeJsonSchema(registry)},
      {"metrics-declaration.schema.json", DeclarationJsonSchema(registry)},
  };
  if (!output_dir) {
    for (const auto& [name, document] : documents) fmt::print("{}\n", document.dump(2));
    return kExitOk;
  }
  for (const auto& [name, document] : documents) {
    const auto path = *output_dir / name;
    const std::string text = document.dump(2) + "\n";
    if (check) {
      std::ifstream in(path, std::ios::binary);
      const std::string existing((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
      if (existing != text) {
        fmt::print(stderr,
                   "{} is not what the loader and the plugins describe; regenerate it with "
                   "`mensor schema --output {}` and commit the result\n",
                   path.string(), output_dir->string());
        return kExitFailure;
      }
      continue;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      fmt::print(stderr, "mensor schema: cannot write {}\n", path.string());
      return kExitFailure;
    }
  }
  if (check) fmt::print("{}: up to date\n", output_dir->string());
  return kExitOk;
}

}  // namespace mensor::agent

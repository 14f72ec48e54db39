#include "mensor/config/runtime_loader.hpp"

#include <fstream>
#include <sstream>
#include <thread>

#include "mensor/config/runtime_keys.hpp"
#include "mensor/config/suggest.hpp"
#include "runtime_reader.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config {
namespace {

using internal::RuntimeReader;

// Allowed values of an enum-like core key, from RuntimeKeys() (one list for checks and reads).
const std::vector<std::string>& Allowed(std::string_view path) {
  return FindRuntimeKeySpec(path)->allowed_values;
}

template <typename T>
void Set(T& field, std::optional<T> value) {
  if (value) field = *std::move(value);
}

void ReadServer(RuntimeReader& r, RuntimeConfig& c, const RuntimeLoadOptions& options) {
  c.server.max_degree_of_parallelism =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()) * 8);
  Set(c.server.http_port, r.Int("server.httpPort"));
  Set(c.server.max_degree_of_parallelism, r.Int("server.maxDegreeOfParallelism"));
  Set(c.server.bind_address, r.String("server.bindAddress"));
  Set(c.concurrency.mutex_timeout_seconds, r.Int("concurrency.mutexTimeoutSeconds"));
  Set(c.health_check.enable_scraper_freshness_health_check,
      r.Bool("healthCheck.enableScraperFreshnessHealthCheck"));
  Set(c.authentication.mode, r.Enum("authentication.mode", options.auth_modes));
  c.authentication.identity_id = r.String("authentication.identityId");
  c.authentication.secret_file_path = r.String("authentication.secretFilePath");
  c.authentication.secret_file_name = r.String("authentication.secretFileName");
  Set(c.metrics_configuration.absolute_path, r.String("metricsConfiguration.absolutePath"));
  c.plugins.directories = r.StringList("plugins.directories");
}

void ReadAzureAndTelemetry(RuntimeReader& r, RuntimeConfig& c) {
  auto& logging = c.azure_monitor.logging;
  Set(logging.is_enabled, r.Bool("azureMonitor.logging.isEnabled"));
  Set(logging.information_level, r.Enum("azureMonitor.logging.informationLevel",
                                        Allowed("azureMonitor.logging.informationLevel")));
  auto& integration = c.azure_monitor.integration;
  const std::string base = "azureMonitor.integration.";
  Set(integration.use_azure_monitor_sdk, r.Bool(base + "useAzureMonitorSdk"));
  Set(integration.history_starting_from_in_hours, r.Int(base + "history.startingFromInHours"));
  integration.history_starting_from_offset = r.Duration(base + "history.startingFromOffset");
  Set(integration.metrics_batching.enabled, r.Bool(base + "metricsBatching.enabled"));
  Set(integration.metrics_batching.max_batch_size, r.Int(base + "metricsBatching.maxBatchSize"));
  integration.metrics_batching.azure_region = r.String(base + "metricsBatching.azureRegion");
  Set(integration.max_requests_per_host, r.Int(base + "maxRequestsPerHost"));
  Set(integration.stale_series_cycles, r.Int(base + "staleSeriesCycles"));

  c.resource_discovery.host = r.String("resourceDiscovery.host");
  Set(c.resource_discovery.port, r.Int("resourceDiscovery.port"));

  auto& t = c.telemetry;
  Set(t.default_verbosity,
      r.Enum("telemetry.defaultVerbosity", Allowed("telemetry.defaultVerbosity")));
  Set(t.container_logs.is_enabled, r.Bool("telemetry.containerLogs.isEnabled"));
  t.container_logs.verbosity =
      r.Enum("telemetry.containerLogs.verbosity", Allowed("telemetry.containerLogs.verbosity"));
  Set(t.application_insights.is_enabled, r.Bool("telemetry.applicationInsights.isEnabled"));
  t.application_insights.instrumentation_key =
      r.String("telemetry.applicationInsights.instrumentationKey");
  t.application_insights.verbosity = r.Enum("telemetry.applicationInsights.verbosity",
                                            Allowed("telemetry.applicationInsights.verbosity"));
}

KeySpec* FindChild(std::vector<KeySpec>& level, std::string_view name) {
  for (auto& spec : level) {
    if (EqualsIgnoreCase(spec.name, name)) return &spec;
  }
  return nullptr;
}

// Finds or creates the section at `path` (creating kObject sections on the way).
KeySpec& SectionAt(std::vector<KeySpec>& root, std::string_view path) {
  std::vector<KeySpec>* level = &root;
  KeySpec* section = nullptr;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string segment(
        path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    section = FindChild(*level, segment);
    if (section == nullptr) {
      KeySpec created;
      created.name = segment;
      created.type = ValueType::kObject;
      level->push_back(std::move(created));
      section = &level->back();
    }
    if (dot == std::string_view::npos) return *section;
    level = &section->children;
    start = dot + 1;
  }
}

void CollectSecrets(const std::vector<KeySpec>& level, const std::string& prefix,
                    std::vector<std::string>& out) {
  for (const auto& spec : level) {
    const std::string path =
        prefix.empty() ? ToLowerAscii(spec.name) : prefix + "." + ToLowerAscii(spec.name);
    if (spec.secret) out.push_back(path);
    CollectSecrets(spec.children, path, out);
  }
}

// Rules a schema cannot express (promitor-compat.md §2.2 validation messages).
void CheckSemantics(RuntimeReader& r, const RuntimeConfig& c) {
  if (auto port = r.Find("server.httpPort");
      port && r.Int("server.httpPort") && (c.server.http_port < 1 || c.server.http_port > 65535)) {
    r.Error("server.httpPort", *port,
            "'server.httpPort' is " + std::to_string(c.server.http_port) +
                " but must be a TCP port between 1 and 65535");
  }
  if (auto port = r.Find("resourceDiscovery.port"); port && c.resource_discovery.IsConfigured() &&
                                                    r.Int("resourceDiscovery.port") &&
                                                    c.resource_discovery.port <= 0) {
    r.Error("resourceDiscovery.port", *port,
            "'resourceDiscovery.port' is " + std::to_string(c.resource_discovery.port) +
                " but must be a positive port number");
  }
  const auto& auth = c.authentication;
  if (auth.secret_file_path.has_value() != auth.secret_file_name.has_value()) {
    const std::string given =
        auth.secret_file_path ? "authentication.secretFilePath" : "authentication.secretFileName";
    const std::string missing =
        auth.secret_file_path ? "authentication.secretFileName" : "authentication.secretFilePath";
    r.Error(given, *r.Find(given),
            "'" + given + "' is set but '" + missing +
                "' is not; set both to read the secret "
                "from a file");
  }
}

}  // namespace

std::vector<KeySpec> EffectiveRuntimeKeys(const RuntimeLoadOptions& options) {
  std::vector<KeySpec> keys = RuntimeKeys();
  for (const auto& section : options.plugin_sections) {
    KeySpec& target = SectionAt(keys, section.path);
    for (const auto& key : section.keys) {
      if (KeySpec* existing = FindChild(target.children, key.name)) {
        *existing = key;
      } else {
        target.children.push_back(key);
      }
    }
  }
  for (const auto& path : options.extra_known_paths) {
    KeySpec& target = SectionAt(keys, path);
    if (target.children.empty()) target.open = true;
  }
  if (KeySpec* mode = FindChild(SectionAt(keys, "authentication").children, "mode")) {
    mode->allowed_values = options.auth_modes;
  }
  return keys;
}

bool ResourceDiscoveryConfig::IsConfigured() const {
  return host && host->find_first_not_of(" \t\r\n") != std::string::npos;
}

RuntimeConfig LoadRuntimeConfigFromString(std::string_view yaml, const std::string& file_name,
                                          const Environment& environment, Diagnostics& diagnostics,
                                          const RuntimeLoadOptions& options) {
  RuntimeConfig config;
  config.source_file = file_name;
  config.file_found = true;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    diagnostics.Error(file_name, e.mark, "runtime configuration is not well-formed YAML: " + e.msg);
    root = YAML::Node(YAML::NodeType::Map);
  }
  if (internal::IsPresent(root) && !root.IsMap()) {
    diagnostics.Error(file_name, root.Mark(), "runtime configuration must be a YAML mapping");
    root = YAML::Node(YAML::NodeType::Map);
  }
  const std::vector<KeySpec> keys = EffectiveRuntimeKeys(options);
  std::vector<std::string> top_level;
  for (const auto& key : keys) top_level.push_back(key.name);
  internal::EnvSources sources;
  internal::ApplyEnvironmentOverrides(root, environment, top_level, &sources);

  RuntimeReader reader(root, file_name, sources, diagnostics);
  MappingRules rules;
  rules.file = file_name;
  rules.match = KeyMatch::kCaseInsensitive;
  rules.report = [&reader](Severity severity, const std::string& path, const YAML::Node& at,
                           std::string message) {
    reader.Report(severity, path, at, std::move(message));
  };
  ValidateMapping(root, keys, rules, diagnostics);
  CollectSecrets(keys, "", config.secret_paths);
  ReadServer(reader, config, options);
  ReadAzureAndTelemetry(reader, config);
  CheckSemantics(reader, config);

  // Deprecated fallback kept for Promitor compatibility.
  if (!config.authentication.identity_id || config.authentication.identity_id->empty()) {
    for (const char* name : {"PROMITOR_AUTH_APPID", "AUTH_APPID"}) {
      const auto it = environment.find(name);
      if (it != environment.end() && !it->second.empty()) {
        config.authentication.identity_id = it->second;
        break;
      }
    }
  }
  config.raw = root;
  return config;
}

RuntimeConfig LoadRuntimeConfig(const std::string& path, const Environment& environment,
                                Diagnostics& diagnostics, const RuntimeLoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.Error(path, YAML::Mark::null_mark(),
                      "runtime configuration file cannot be read (missing or not accessible)");
    RuntimeConfig config = LoadRuntimeConfigFromString("", path, environment, diagnostics, options);
    config.file_found = false;
    return config;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return LoadRuntimeConfigFromString(text.str(), path, environment, diagnostics, options);
}

}  // namespace mensor::config

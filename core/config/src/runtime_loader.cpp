#include "mensor/config/runtime_loader.hpp"

#include <fstream>
#include <sstream>
#include <thread>

#include "mensor/config/suggest.hpp"
#include "runtime_reader.hpp"
#include "runtime_schema.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config {
namespace {

using internal::RuntimeReader;

const std::vector<std::string> kVerbosities = {"Trace", "Debug",    "Information", "Warning",
                                               "Error", "Critical", "None"};
const std::vector<std::string> kInformationLevels = {"None", "Basic", "Headers", "Body",
                                                     "BodyAndHeaders"};
const std::vector<std::string> kLabelTransformations = {"None", "Lowercase"};
const std::vector<std::string> kStatsdFormats = {"Default", "Geneva", "DogStatsD"};

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
  c.authentication.certificate_path = r.String("authentication.certificatePath");
  c.authentication.identity_id_type = r.String("authentication.identityIdType");
  Set(c.metrics_configuration.absolute_path, r.String("metricsConfiguration.absolutePath"));
  c.plugins.directories = r.StringList("plugins.directories");
}

void ReadSinks(RuntimeReader& r, RuntimeConfig& c) {
  auto& sinks = c.metric_sinks;
  if (r.Has("metricSinks.prometheusScrapingEndpoint")) {
    auto& p = sinks.prometheus_scraping_endpoint.emplace();
    const std::string base = "metricSinks.prometheusScrapingEndpoint.";
    Set(p.base_uri_path, r.String(base + "baseUriPath"));
    Set(p.metric_unavailable_value, r.Double(base + "metricUnavailableValue"));
    Set(p.enable_metric_timestamps, r.Bool(base + "enableMetricTimestamps"));
    Set(p.label_transformation, r.Enum(base + "labels.transformation", kLabelTransformations));
  }
  if (r.Has("metricSinks.statsd")) {
    auto& s = sinks.statsd.emplace();
    s.host = r.String("metricSinks.statsd.host");
    Set(s.port, r.Int("metricSinks.statsd.port"));
    s.metric_prefix = r.String("metricSinks.statsd.metricPrefix");
    Set(s.metric_format, r.Enum("metricSinks.statsd.metricFormat", kStatsdFormats));
    if (r.Has("metricSinks.statsd.geneva")) {
      s.geneva = StatsdGenevaConfig{r.String("metricSinks.statsd.geneva.account"),
                                    r.String("metricSinks.statsd.geneva.namespace")};
    }
  }
  if (r.Has("metricSinks.openTelemetryCollector")) {
    sinks.open_telemetry_collector.emplace().collector_uri =
        r.String("metricSinks.openTelemetryCollector.collectorUri");
  }
  if (r.Has("metricSinks.atlassianStatuspage")) {
    auto& a = sinks.atlassian_statuspage.emplace();
    a.page_id = r.String("metricSinks.atlassianStatuspage.pageId");
    const std::string path = "metricSinks.atlassianStatuspage.systemMetricMapping";
    const auto mapping = r.Find(path);
    if (mapping && (mapping->IsSequence() || mapping->IsMap())) {
      for (const auto& item : *mapping) {
        const YAML::Node entry = mapping->IsMap() ? item.second : item;
        if (!entry.IsMap()) {
          r.Error(path, entry,
                  "each entry of '" + path +
                      "' must be a mapping with 'id' and "
                      "'promitorMetricName'");
          continue;
        }
        StatuspageMetricMapping m;
        if (auto id = FindRuntimeKey(entry, "id"); id && id->IsScalar()) m.id = id->Scalar();
        if (auto name = FindRuntimeKey(entry, "promitorMetricName"); name && name->IsScalar()) {
          m.promitor_metric_name = name->Scalar();
        }
        a.system_metric_mapping.push_back(std::move(m));
      }
    } else if (mapping && internal::IsPresent(*mapping)) {
      r.Error(path, *mapping, "'" + path + "' must be a list of mappings");
    }
  }
}

void ReadAzureAndTelemetry(RuntimeReader& r, RuntimeConfig& c) {
  auto& logging = c.azure_monitor.logging;
  Set(logging.is_enabled, r.Bool("azureMonitor.logging.isEnabled"));
  Set(logging.information_level,
      r.Enum("azureMonitor.logging.informationLevel", kInformationLevels));
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
  Set(t.default_verbosity, r.Enum("telemetry.defaultVerbosity", kVerbosities));
  Set(t.container_logs.is_enabled, r.Bool("telemetry.containerLogs.isEnabled"));
  t.container_logs.verbosity = r.Enum("telemetry.containerLogs.verbosity", kVerbosities);
  Set(t.application_insights.is_enabled, r.Bool("telemetry.applicationInsights.isEnabled"));
  t.application_insights.instrumentation_key =
      r.String("telemetry.applicationInsights.instrumentationKey");
  t.application_insights.verbosity =
      r.Enum("telemetry.applicationInsights.verbosity", kVerbosities);
}

}  // namespace

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
  std::vector<std::string> top_level = internal::KnownRuntimeTopLevel();
  for (const auto& extra : options.extra_known_paths) {
    top_level.push_back(extra.substr(0, extra.find('.')));
  }
  internal::EnvSources sources;
  internal::ApplyEnvironmentOverrides(root, environment, top_level, &sources);

  RuntimeReader reader(root, file_name, sources, diagnostics);
  internal::ReportUnknownRuntimeKeys(root, reader, options.extra_known_paths);
  ReadServer(reader, config, options);
  ReadSinks(reader, config);
  ReadAzureAndTelemetry(reader, config);

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

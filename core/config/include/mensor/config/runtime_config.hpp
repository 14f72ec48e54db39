#pragma once

#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

namespace mensor::config {

// The scraper's runtime.yaml (promitor-compat.md §2.2) plus Mensor-only keys, as the core reads
// it (the keys themselves are listed in runtime_keys.hpp). Enum-like values
// are kept as strings in their canonical spelling (e.g. "Lowercase") because .NET binding
// accepts any case and plugins may add values (auth modes).

struct ServerConfig {
  int http_port = 80;
  int max_degree_of_parallelism = 0;     // loader default: CPU count x 8; <= 0 disables limiting
  std::string bind_address = "0.0.0.0";  // Mensor-only
};

struct ConcurrencyConfig {
  int mutex_timeout_seconds = 90;
};

struct HealthCheckConfig {
  bool enable_scraper_freshness_health_check = true;
};

struct AuthenticationConfig {
  std::string mode = "ServicePrincipal";
  std::optional<std::string> identity_id;  // falls back to PROMITOR_AUTH_APPID / AUTH_APPID
  std::optional<std::string> secret_file_path;
  std::optional<std::string> secret_file_name;
};

struct MetricsConfigurationConfig {
  std::string absolute_path = "/config/metrics-declaration.yaml";
};

struct AzureMonitorLoggingConfig {
  bool is_enabled = false;
  std::string information_level = "Basic";  // None | Basic | Headers | Body | BodyAndHeaders
};

struct MetricsBatchingConfig {
  bool enabled = false;
  int max_batch_size = 0;  // Promitor's code default; must be set (<= 50) for batching
  std::optional<std::string> azure_region;
};

struct AzureMonitorIntegrationConfig {
  bool use_azure_monitor_sdk = true;
  int history_starting_from_in_hours = 12;
  std::optional<std::chrono::seconds> history_starting_from_offset;  // wins over hours when set
  MetricsBatchingConfig metrics_batching;
  int max_requests_per_host = 16;  // Mensor: Azure calls in flight per host
  int stale_series_cycles = 2;     // Mensor: cycles before a vanished series is dropped
};

struct AzureMonitorConfig {
  AzureMonitorLoggingConfig logging;
  AzureMonitorIntegrationConfig integration;
};

struct ResourceDiscoveryConfig {
  std::optional<std::string> host;
  int port = 80;
  // Promitor treats discovery as configured iff the host is non-blank.
  bool IsConfigured() const;
};

struct ContainerLogsConfig {
  bool is_enabled = true;
  std::optional<std::string> verbosity;
};

struct ApplicationInsightsConfig {
  bool is_enabled = false;
  std::optional<std::string> instrumentation_key;  // secret
  std::optional<std::string> verbosity;
};

struct TelemetryConfig {
  std::string default_verbosity = "Error";  // Trace|Debug|Information|Warning|Error|Critical|None
  ContainerLogsConfig container_logs;
  ApplicationInsightsConfig application_insights;
};

struct PluginsConfig {
  std::vector<std::string> directories;  // Mensor-only
};

struct RuntimeConfig {
  ServerConfig server;
  ConcurrencyConfig concurrency;
  HealthCheckConfig health_check;
  AuthenticationConfig authentication;
  MetricsConfigurationConfig metrics_configuration;
  AzureMonitorConfig azure_monitor;
  ResourceDiscoveryConfig resource_discovery;
  TelemetryConfig telemetry;
  PluginsConfig plugins;

  std::string source_file;
  bool file_found = false;  // Promitor exits with code 4 when runtime.yaml is missing
  // The file merged with environment overrides. Plugins read their own sections from it with
  // FindRuntimeKey (keys are case-insensitive); metricSinks is only here, each sink plugin owns
  // its section.
  YAML::Node raw;
  // Lower-cased dotted paths of keys declared secret (core and plugin schemas), masked in dumps.
  std::vector<std::string> secret_paths;
};

// For /api/v1/configuration/runtime: every secret (and anything that looks like one) is "***".
nlohmann::json ToJson(const RuntimeConfig& config);

}  // namespace mensor::config

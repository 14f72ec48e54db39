#include <algorithm>

#include "mensor/config/runtime_config.hpp"
#include "mensor/config/runtime_loader.hpp"
#include "mensor/config/time_span.hpp"
#include "mensor/config/yaml_json.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::config {
namespace {

using nlohmann::json;

json Optional(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

json Secret(const std::optional<std::string>& value) {
  return value ? json(std::string(kMaskedValue)) : json(nullptr);
}

// Sink sections belong to plugins: dumped as written, keys their schemas declare secret masked.
json Sinks(const RuntimeConfig& c) {
  const auto sinks = FindRuntimeKey(c.raw, "metricSinks");
  if (!sinks || !sinks->IsMap()) return json::object();
  json out = json::object();
  for (const auto& entry : *sinks) {
    const std::string prefix = "metricsinks." + util::ToLowerAscii(entry.first.Scalar()) + ".";
    out[entry.first.Scalar()] = YamlToJson(entry.second, [&](std::string_view key) {
      const std::string lowered = util::ToLowerAscii(key);
      return std::any_of(c.secret_paths.begin(), c.secret_paths.end(), [&](const auto& path) {
        return path.starts_with(prefix) && path.ends_with("." + lowered);
      });
    });
  }
  return out;
}

}  // namespace

json ToJson(const RuntimeConfig& c) {
  const auto& integration = c.azure_monitor.integration;
  const auto& ai = c.telemetry.application_insights;
  return {
      {"server",
       {{"httpPort", c.server.http_port},
        {"maxDegreeOfParallelism", c.server.max_degree_of_parallelism},
        {"bindAddress", c.server.bind_address}}},
      {"concurrency", {{"mutexTimeoutSeconds", c.concurrency.mutex_timeout_seconds}}},
      {"healthCheck",
       {{"enableScraperFreshnessHealthCheck",
         c.health_check.enable_scraper_freshness_health_check}}},
      {"authentication",
       {{"mode", c.authentication.mode},
        {"identityId", Optional(c.authentication.identity_id)},
        {"secretFilePath", Optional(c.authentication.secret_file_path)},
        {"secretFileName", Optional(c.authentication.secret_file_name)}}},
      {"metricsConfiguration", {{"absolutePath", c.metrics_configuration.absolute_path}}},
      {"metricSinks", Sinks(c)},
      {"azureMonitor",
       {{"logging",
         {{"isEnabled", c.azure_monitor.logging.is_enabled},
          {"informationLevel", c.azure_monitor.logging.information_level}}},
        {"integration",
         {{"useAzureMonitorSdk", integration.use_azure_monitor_sdk},
          {"history",
           {{"startingFromInHours", integration.history_starting_from_in_hours},
            {"startingFromOffset",
             integration.history_starting_from_offset
                 ? json(FormatTimeSpan(*integration.history_starting_from_offset))
                 : json(nullptr)}}},
          {"metricsBatching",
           {{"enabled", integration.metrics_batching.enabled},
            {"maxBatchSize", integration.metrics_batching.max_batch_size},
            {"azureRegion", Optional(integration.metrics_batching.azure_region)}}},
          {"maxRequestsPerHost", integration.max_requests_per_host},
          {"staleSeriesCycles", integration.stale_series_cycles}}}}},
      {"resourceDiscovery",
       {{"host", Optional(c.resource_discovery.host)}, {"port", c.resource_discovery.port}}},
      {"telemetry",
       {{"defaultVerbosity", c.telemetry.default_verbosity},
        {"containerLogs",
         {{"isEnabled", c.telemetry.container_logs.is_enabled},
          {"verbosity", Optional(c.telemetry.container_logs.verbosity)}}},
        {"applicationInsights",
         {{"isEnabled", ai.is_enabled},
          {"instrumentationKey", Secret(ai.instrumentation_key)},
          {"verbosity", Optional(ai.verbosity)}}}}},
      {"plugins", {{"directories", c.plugins.directories}}},
  };
}

}  // namespace mensor::config

#include <cmath>

#include "mensor/config/runtime_config.hpp"
#include "mensor/config/time_span.hpp"
#include "mensor/config/yaml_json.hpp"

namespace mensor::config {
namespace {

using nlohmann::json;

json Optional(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

json Secret(const std::optional<std::string>& value) {
  return value ? json(std::string(kMaskedValue)) : json(nullptr);
}

// JSON has no NaN/Infinity; keep the .NET spelling as text.
json Number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return value;
}

json Sinks(const MetricSinksConfig& sinks) {
  json out = json::object();
  if (const auto& p = sinks.prometheus_scraping_endpoint) {
    out["prometheusScrapingEndpoint"] = {
        {"baseUriPath", p->base_uri_path},
        {"metricUnavailableValue", Number(p->metric_unavailable_value)},
        {"enableMetricTimestamps", p->enable_metric_timestamps},
        {"labels", {{"transformation", p->label_transformation}}}};
  }
  if (const auto& s = sinks.statsd) {
    out["statsd"] = {{"host", Optional(s->host)},
                     {"port", s->port},
                     {"metricPrefix", Optional(s->metric_prefix)},
                     {"metricFormat", s->metric_format}};
    if (s->geneva) {
      out["statsd"]["geneva"] = {{"account", Optional(s->geneva->account)},
                                 {"namespace", Optional(s->geneva->namespace_name)}};
    }
  }
  if (const auto& o = sinks.open_telemetry_collector) {
    out["openTelemetryCollector"] = {{"collectorUri", Optional(o->collector_uri)}};
  }
  if (const auto& a = sinks.atlassian_statuspage) {
    json mapping = json::array();
    for (const auto& m : a->system_metric_mapping) {
      mapping.push_back({{"id", m.id}, {"promitorMetricName", m.promitor_metric_name}});
    }
    out["atlassianStatuspage"] = {{"pageId", Optional(a->page_id)},
                                  {"systemMetricMapping", mapping}};
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
        {"secretFileName", Optional(c.authentication.secret_file_name)},
        {"certificatePath", Optional(c.authentication.certificate_path)},
        {"identityIdType", Optional(c.authentication.identity_id_type)}}},
      {"metricsConfiguration", {{"absolutePath", c.metrics_configuration.absolute_path}}},
      {"metricSinks", Sinks(c.metric_sinks)},
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

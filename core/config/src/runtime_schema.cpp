#include "runtime_schema.hpp"

#include <algorithm>
#include <array>

namespace mensor::config::internal {
namespace {

constexpr std::array<std::string_view, 46> kLeaves = {
    "server.httpPort",
    "server.maxDegreeOfParallelism",
    "server.bindAddress",
    "concurrency.mutexTimeoutSeconds",
    "healthCheck.enableScraperFreshnessHealthCheck",
    "authentication.mode",
    "authentication.identityId",
    "authentication.secretFilePath",
    "authentication.secretFileName",
    // Mensor additions (auth, issue 5): certificate credentials, user-assigned id kinds.
    "authentication.certificatePath",
    "authentication.identityIdType",
    "metricsConfiguration.absolutePath",
    "metricSinks.prometheusScrapingEndpoint.baseUriPath",
    "metricSinks.prometheusScrapingEndpoint.metricUnavailableValue",
    "metricSinks.prometheusScrapingEndpoint.enableMetricTimestamps",
    "metricSinks.prometheusScrapingEndpoint.labels.transformation",
    "metricSinks.statsd.host",
    "metricSinks.statsd.port",
    "metricSinks.statsd.metricPrefix",
    "metricSinks.statsd.metricFormat",
    "metricSinks.statsd.geneva.account",
    "metricSinks.statsd.geneva.namespace",
    "metricSinks.openTelemetryCollector.collectorUri",
    "metricSinks.atlassianStatuspage.pageId",
    "metricSinks.atlassianStatuspage.systemMetricMapping",
    "azureMonitor.logging.isEnabled",
    "azureMonitor.logging.informationLevel",
    "azureMonitor.integration.useAzureMonitorSdk",
    "azureMonitor.integration.history.startingFromInHours",
    "azureMonitor.integration.history.startingFromOffset",
    "azureMonitor.integration.metricsBatching.enabled",
    "azureMonitor.integration.metricsBatching.maxBatchSize",
    "azureMonitor.integration.metricsBatching.azureRegion",
    "azureMonitor.integration.maxRequestsPerHost",
    "azureMonitor.integration.staleSeriesCycles",
    "resourceDiscovery.host",
    "resourceDiscovery.port",
    "telemetry.defaultVerbosity",
    "telemetry.containerLogs.isEnabled",
    "telemetry.containerLogs.verbosity",
    "telemetry.applicationInsights.isEnabled",
    "telemetry.applicationInsights.instrumentationKey",
    "telemetry.applicationInsights.verbosity",
    "plugins.directories",
    // Bound by Promitor but unused (v1.x leftover); accepted silently.
    "prometheus.scrapeEndpoint.baseUriPath",
    // Documented by Promitor but never read by its code (discovery is on iff host is set).
    "resourceDiscovery.enabled",
};

}  // namespace

std::span<const std::string_view> KnownRuntimeLeaves() { return kLeaves; }

std::vector<std::string> KnownRuntimeTopLevel() {
  std::vector<std::string> out;
  for (std::string_view leaf : kLeaves) {
    std::string top(leaf.substr(0, leaf.find('.')));
    if (std::find(out.begin(), out.end(), top) == out.end()) out.push_back(std::move(top));
  }
  return out;
}

}  // namespace mensor::config::internal

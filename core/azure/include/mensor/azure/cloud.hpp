#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mensor::azure {

// Promitor's `azureMetadata.cloud`. Germany is not listed: Azure retired it and the metrics
// declaration rejects it (promitor-compat.md §1.3).
enum class CloudName { kGlobal, kChina, kUsGov, kCustom };

// Every endpoint the agent needs for one cloud. URLs carry no trailing slash unless noted.
struct CloudEndpoints {
  std::string authority_host;    // https://login.microsoftonline.com
  std::string resource_manager;  // https://management.azure.com (scheme and port kept)
  std::string arm_scope;         // https://management.azure.com/.default (Entra v2 scope)
  std::string arm_resource;      // https://management.azure.com/ (managed identity `resource`)
  std::string metrics_batch_host_template;  // https://{region}.metrics.monitor.azure.com
  std::string metrics_batch_scope;          // https://metrics.monitor.azure.com/.default
  std::string log_analytics;                // https://api.loganalytics.io
  std::string storage_suffix;               // core.windows.net
};

// Promitor's `azureMetadata.endpoints` keys, used when cloud is Custom. Empty means "not given".
struct CustomEndpoints {
  std::string authentication_endpoint;    // authenticationEndpoint
  std::string resource_manager_endpoint;  // resourceManagerEndpoint
  std::string metrics_query_audience;     // metricsQueryAudience (ARM audience); defaults to ARM
  std::string metrics_client_audience;    // metricsClientAudience (batch audience)
  std::string log_analytics_endpoint;     // logAnalyticsEndpoint
  std::string storage_endpoint_suffix;    // storageEndpointSuffix
  // Mensor's metricsBatchEndpoint: the getBatch URL template with `{region}`, e.g.
  // http://127.0.0.1:8080/{region}; wins over the one derived from metricsClientAudience.
  std::string metrics_batch_endpoint;
};

// Endpoints of the public clouds (azure-apis.md §9.5). kCustom yields an empty set: use
// ForCustomCloud for it.
CloudEndpoints ForCloud(CloudName cloud);

// Builds endpoints from Promitor's custom `endpoints`. Scopes are `<audience>/.default` with no
// double slash. The batch host template is the client audience with `{region}.` inserted before
// the host part starting at `metrics` (Promitor's rule); an audience that already holds
// `{region}` is used as is, and one without `metrics` in its host (a local simulator such as
// http://127.0.0.1:8080) is used unchanged for every region.
CloudEndpoints ForCustomCloud(const CustomEndpoints& endpoints);

// Case-insensitive parse of Promitor's names: Global, China, UsGov, Custom (also AzureCloud,
// AzureChinaCloud, AzureUSGovernment). nullopt for unknown names, including Germany.
std::optional<CloudName> ParseCloudName(std::string_view text);

// The getBatch host for a region: `{region}` replaced by the region's programmatic name
// (lower-cased, spaces removed, so "West Europe" becomes "westeurope").
std::string MetricsBatchHost(const CloudEndpoints& cloud, std::string_view region);

// A region's programmatic name: lower-cased, spaces removed ("West Europe" -> "westeurope").
std::string NormalizeRegion(std::string_view region);

// `<audience>/.default` without a double slash.
std::string ScopeForAudience(std::string_view audience);

}  // namespace mensor::azure

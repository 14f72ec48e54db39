#include "mensor/azure/cloud.hpp"

#include "strings.hpp"

namespace mensor::azure {
namespace {

using internal::EqualsIgnoreCase;
using internal::Trim;

constexpr std::string_view kRegionPlaceholder = "{region}";

std::string WithoutTrailingSlash(std::string_view url) {
  url = Trim(url);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

CloudEndpoints Make(std::string_view authority, std::string_view arm,
                    std::string_view metrics_domain, std::string_view log_analytics,
                    std::string_view storage_suffix) {
  CloudEndpoints e;
  e.authority_host = std::string(authority);
  e.resource_manager = std::string(arm);
  e.arm_scope = ScopeForAudience(arm);
  e.arm_resource = std::string(arm) + "/";
  e.metrics_batch_host_template = "https://{region}." + std::string(metrics_domain);
  e.metrics_batch_scope = ScopeForAudience("https://" + std::string(metrics_domain));
  e.log_analytics = std::string(log_analytics);
  e.storage_suffix = std::string(storage_suffix);
  return e;
}

// Inserts `{region}.` before the host label that starts with "metrics", as Promitor does with
// metricsClientAudience.
std::string BatchTemplateFromAudience(std::string_view audience) {
  std::string url = WithoutTrailingSlash(audience);
  if (url.find(kRegionPlaceholder) != std::string::npos) return url;
  const size_t scheme_end = url.find("://");
  const size_t host_begin = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const size_t host_end = url.find_first_of("/:", host_begin);
  const std::string_view host = std::string_view(url).substr(
      host_begin, host_end == std::string::npos ? std::string::npos : host_end - host_begin);
  size_t pos = 0;
  while (pos < host.size()) {
    if (host.substr(pos).starts_with("metrics") && (pos == 0 || host[pos - 1] == '.')) {
      url.insert(host_begin + pos, std::string(kRegionPlaceholder) + ".");
      return url;
    }
    const size_t dot = host.find('.', pos);
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return url;
}

}  // namespace

std::string NormalizeRegion(std::string_view region) {
  std::string name;
  for (char c : region) {
    if (!internal::IsAsciiSpace(c)) name.push_back(internal::AsciiLower(c));
  }
  return name;
}

std::string ScopeForAudience(std::string_view audience) {
  return WithoutTrailingSlash(audience) + "/.default";
}

CloudEndpoints ForCloud(CloudName cloud) {
  switch (cloud) {
    case CloudName::kGlobal:
      return Make("https://login.microsoftonline.com", "https://management.azure.com",
                  "metrics.monitor.azure.com", "https://api.loganalytics.io", "core.windows.net");
    case CloudName::kChina:
      // Promitor does not support Log Analytics in China; the host is Microsoft's documented one.
      return Make("https://login.chinacloudapi.cn", "https://management.chinacloudapi.cn",
                  "metrics.monitor.azure.cn", "https://api.loganalytics.azure.cn",
                  "core.chinacloudapi.cn");
    case CloudName::kUsGov:
      return Make("https://login.microsoftonline.us", "https://management.usgovcloudapi.net",
                  "metrics.monitor.azure.us", "https://api.loganalytics.us",
                  "core.usgovcloudapi.net");
    case CloudName::kCustom:
      break;
  }
  return {};
}

CloudEndpoints ForCustomCloud(const CustomEndpoints& in) {
  CloudEndpoints e;
  e.authority_host = WithoutTrailingSlash(in.authentication_endpoint);
  e.resource_manager = WithoutTrailingSlash(in.resource_manager_endpoint);
  // The ARM audience defaults to the ARM endpoint itself, which is what a simulator expects.
  const std::string arm_audience = Trim(in.metrics_query_audience).empty()
                                       ? e.resource_manager
                                       : WithoutTrailingSlash(in.metrics_query_audience);
  if (!arm_audience.empty()) {
    e.arm_scope = ScopeForAudience(arm_audience);
    e.arm_resource = arm_audience + "/";
  }
  if (!Trim(in.metrics_client_audience).empty()) {
    e.metrics_batch_host_template = BatchTemplateFromAudience(in.metrics_client_audience);
    std::string audience = WithoutTrailingSlash(in.metrics_client_audience);
    if (audience.find(kRegionPlaceholder) == std::string::npos) {
      e.metrics_batch_scope = ScopeForAudience(audience);
    }
  }
  // An explicit endpoint template wins over the one derived from the audience: it is how a local
  // simulator (http://127.0.0.1:8080/{region}) is reached while tokens keep the real audience.
  if (!Trim(in.metrics_batch_endpoint).empty()) {
    e.metrics_batch_host_template = WithoutTrailingSlash(in.metrics_batch_endpoint);
  }
  if (e.metrics_batch_scope.empty()) {
    e.metrics_batch_scope = ScopeForAudience("https://metrics.monitor.azure.com");
  }
  e.log_analytics = WithoutTrailingSlash(in.log_analytics_endpoint);
  std::string_view suffix = Trim(in.storage_endpoint_suffix);
  while (!suffix.empty() && suffix.front() == '.') suffix.remove_prefix(1);
  e.storage_suffix = std::string(suffix);
  return e;
}

std::optional<CloudName> ParseCloudName(std::string_view text) {
  text = Trim(text);
  if (EqualsIgnoreCase(text, "Global") || EqualsIgnoreCase(text, "AzureCloud") ||
      EqualsIgnoreCase(text, "AzurePublicCloud")) {
    return CloudName::kGlobal;
  }
  if (EqualsIgnoreCase(text, "China") || EqualsIgnoreCase(text, "AzureChinaCloud")) {
    return CloudName::kChina;
  }
  if (EqualsIgnoreCase(text, "UsGov") || EqualsIgnoreCase(text, "AzureUSGovernment")) {
    return CloudName::kUsGov;
  }
  if (EqualsIgnoreCase(text, "Custom")) return CloudName::kCustom;
  return std::nullopt;
}

std::string MetricsBatchHost(const CloudEndpoints& cloud, std::string_view region) {
  const std::string name = NormalizeRegion(region);
  std::string host = cloud.metrics_batch_host_template;
  const size_t pos = host.find(kRegionPlaceholder);
  if (pos != std::string::npos) host.replace(pos, kRegionPlaceholder.size(), name);
  return host;
}

}  // namespace mensor::azure

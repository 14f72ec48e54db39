// azureMetadata and metricDefaults.
#include <array>
#include <map>
#include <regex>

#include "declaration_parts.hpp"
#include "mapping_reader.hpp"
#include "mensor/config/suggest.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config::internal {
namespace {

constexpr std::array<std::string_view, 4> kClouds = {"Global", "China", "UsGov", "Custom"};

bool IsAbsoluteUrl(const std::string& text) {
  static const std::regex kAbsolute(R"(^[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]+([/?#]\S*)?$)");
  return std::regex_match(text, kAbsolute);
}

std::optional<AzureCloud> ParseCloud(MappingReader& reader) {
  const auto value = reader.Scalar("cloud", false);
  if (!value) return AzureCloud::kGlobal;
  const std::string& text = value->Scalar();
  for (std::size_t i = 0; i < kClouds.size(); ++i) {
    if (kClouds[i] == text) return static_cast<AzureCloud>(i);
  }
  if (text == "Germany") {
    reader.Error(*value,
                 "'Germany' is not a supported value for 'cloud': Azure Germany has been "
                 "retired; use Global, China, UsGov or Custom");
  } else if (text == "Unspecified") {
    reader.Error(*value,
                 "'Unspecified' is not a supported value for 'cloud'; use Global, China, "
                 "UsGov or Custom");
  } else {
    reader.Invalid(*value, "cloud", "one of Global, China, UsGov, Custom (case-sensitive)");
  }
  return std::nullopt;
}

CloudEndpoints ParseEndpoints(const YAML::Node& node, ParseContext& context) {
  MappingReader reader(node, "azureMetadata.endpoints", context.file, context.diagnostics);
  const auto url = [&](std::string_view key, bool required) -> std::string {
    const auto value = reader.Scalar(key, required);
    if (!value) return "";
    if (!IsAbsoluteUrl(value->Scalar())) {
      reader.Error(*value, "'" + value->Scalar() + "' is not an absolute URL, which '" +
                               reader.Qualified(key) + "' must be");
    }
    return value->Scalar();
  };
  CloudEndpoints endpoints;
  endpoints.authentication_endpoint = url("authenticationEndpoint", true);
  endpoints.resource_manager_endpoint = url("resourceManagerEndpoint", true);
  endpoints.graph_endpoint = url("graphEndpoint", true);
  endpoints.management_endpoint = url("managementEndpoint", true);
  endpoints.storage_endpoint_suffix = reader.String("storageEndpointSuffix", true).value_or("");
  endpoints.key_vault_suffix = reader.String("keyVaultSuffix", true).value_or("");
  endpoints.metrics_query_audience = url("metricsQueryAudience", true);
  endpoints.metrics_client_audience = url("metricsClientAudience", true);
  if (const auto batch = reader.Get("metricsBatchEndpoint")) {
    endpoints.metrics_batch_endpoint = url("metricsBatchEndpoint", false);
    if (endpoints.metrics_batch_endpoint.find("{region}") == std::string::npos) {
      reader.Error(*batch, "'" + reader.Qualified("metricsBatchEndpoint") +
                               "' must contain '{region}', got '" +
                               endpoints.metrics_batch_endpoint + "'");
    }
  }
  if (reader.Get("logAnalyticsEndpoint")) {
    endpoints.log_analytics_endpoint = url("logAnalyticsEndpoint", false);
  }
  return endpoints;
}

}  // namespace

AzureMetadata ParseAzureMetadata(const YAML::Node& node, ParseContext& context) {
  MappingReader reader(node, "azureMetadata", context.file, context.diagnostics);
  AzureMetadata metadata;
  metadata.tenant_id = reader.String("tenantId", true).value_or("");
  metadata.subscription_id = reader.String("subscriptionId", true).value_or("");
  metadata.resource_group_name = reader.String("resourceGroupName", true).value_or("");
  // Unlike Promitor, 'cloud' is read before 'endpoints' whatever their order in the file.
  const auto cloud = ParseCloud(reader);
  metadata.cloud = cloud.value_or(AzureCloud::kGlobal);
  const auto endpoints = reader.Mapping("endpoints", cloud == AzureCloud::kCustom);
  if (endpoints && cloud == AzureCloud::kCustom) {
    metadata.endpoints = ParseEndpoints(*endpoints, context);
  } else if (endpoints && cloud) {
    reader.Warning(*endpoints, "'endpoints' is only used when 'cloud' is 'Custom' and is ignored");
  }
  return metadata;
}

Labels ParseLabels(const YAML::Node& node, ParseContext& context) {
  Labels labels;
  std::map<std::string, std::string> exported;  // name as exported -> name as written
  for (const auto& entry : node) {
    const std::string name = entry.first.Scalar();
    if (!IsValidLabelName(name)) {
      context.diagnostics.Error(context.file, entry.first.Mark(),
                                "'" + name +
                                    "' is not a valid label name; expected letters, "
                                    "digits and '_' (not starting with a digit or '__')");
    }
    const std::string as_exported = ExportedLabelName(name);
    if (const auto [it, inserted] = exported.emplace(as_exported, name); !inserted) {
      context.diagnostics.Error(context.file, entry.first.Mark(),
                                "label '" + name + "' collides with label '" + it->second +
                                    "': both are exported as '" + as_exported +
                                    "'; keep one of them");
    } else if (IsBuiltInLabel(as_exported)) {
      context.diagnostics.Warning(context.file, entry.first.Mark(),
                                  "label '" + name + "' is ignored: '" + as_exported +
                                      "' is set by Mensor on every metric and takes precedence");
    }
    if (!entry.second.IsScalar() && IsPresent(entry.second)) {
      context.diagnostics.Error(
          context.file, entry.second.Mark(),
          "label '" + name + "' must have a single value, not " + NodeKindName(entry.second));
      continue;
    }
    labels.emplace_back(name, ScalarText(entry.second));
  }
  return labels;
}

std::optional<int> CheckedLimit(std::optional<long long> limit, const YAML::Node& at,
                                const std::string& key, ParseContext& context) {
  if (!limit) return std::nullopt;
  if (*limit < 1 || *limit > 10000) {
    context.diagnostics.Error(
        context.file, at.Mark(),
        "'" + key + "' is " + std::to_string(*limit) + " but must be between 1 and 10000");
    return std::nullopt;
  }
  return static_cast<int>(*limit);
}

MetricDefaults ParseMetricDefaults(const YAML::Node& node, ParseContext& context) {
  MappingReader reader(node, "metricDefaults", context.file, context.diagnostics);
  MetricDefaults defaults;
  if (const auto aggregation = reader.Mapping("aggregation", false)) {
    MappingReader aggregation_reader(*aggregation, "metricDefaults.aggregation", context.file,
                                     context.diagnostics);
    // Promitor's quirk: an aggregation block without interval means five minutes.
    defaults.aggregation_interval =
        aggregation_reader.Duration("interval").value_or(std::chrono::minutes(5));
  }
  const auto scraping = reader.Mapping("scraping", true);
  MappingReader scraping_reader(scraping.value_or(YAML::Node()), "metricDefaults.scraping",
                                context.file, context.diagnostics);
  defaults.cron = scraping_reader.Cron("schedule", true);
  if (defaults.cron) defaults.schedule = defaults.cron->Text();
  if (const auto limit = reader.Get("limit")) {
    defaults.limit =
        CheckedLimit(reader.Integer("limit"), *limit, reader.Qualified("limit"), context);
  }
  if (const auto labels = reader.Mapping("labels", false)) {
    defaults.labels = ParseLabels(*labels, context);
  }
  return defaults;
}

}  // namespace mensor::config::internal

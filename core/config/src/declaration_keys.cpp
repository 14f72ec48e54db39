#include "mensor/config/declaration_keys.hpp"

namespace mensor::config {
namespace {

using V = ValueType;

KeySpec Key(const char* name, ValueType type, bool required, const char* description,
            std::vector<KeySpec> children = {}) {
  KeySpec spec;
  spec.name = name;
  spec.type = type;
  spec.required = required;
  spec.description = description;
  spec.children = std::move(children);
  return spec;
}

KeySpec WithDefault(KeySpec spec, const char* value) {
  spec.default_value = value;
  return spec;
}

KeySpec Allowing(KeySpec spec, std::vector<std::string> values) {
  spec.allowed_values = std::move(values);
  return spec;
}

KeySpec Open(KeySpec spec) {
  spec.open = true;
  return spec;
}

KeySpec Labels(const char* description) {
  return Open(Key("labels", V::kObject, false, description));
}

KeySpec Interval(const char* description) {
  return Key("interval", V::kDuration, false, description);
}

KeySpec Schedule(bool required) {
  return Key("scraping", V::kObject, required, "When to scrape",
             {Key("schedule", V::kString, true,
                  "Cron expression, 5 fields or 6 with seconds first (Quartz '?' accepted)")});
}

std::vector<KeySpec> Build() {
  return {
      Allowing(Key("version", V::kString, true, "Specification version"), {"v1"}),
      Key("azureMetadata", V::kObject, true, "Azure tenant, default subscription and cloud",
          {
              Key("tenantId", V::kString, true, "Entra tenant id (also the tenant_id label)"),
              Key("subscriptionId", V::kString, true, "Default subscription of resources"),
              Key("resourceGroupName", V::kString, true, "Default resource group of resources"),
              WithDefault(Allowing(Key("cloud", V::kString, false, "Azure cloud"),
                                   {"Global", "China", "UsGov", "Custom"}),
                          "Global"),
              Key("endpoints", V::kObject, false, "Endpoints of a Custom cloud (cloud: Custom)",
                  {
                      Key("authenticationEndpoint", V::kString, true, "Entra authority (URL)"),
                      Key("resourceManagerEndpoint", V::kString, true, "ARM endpoint (URL)"),
                      Key("graphEndpoint", V::kString, true, "Graph endpoint (URL)"),
                      Key("managementEndpoint", V::kString, true,
                          "Service management endpoint (URL)"),
                      Key("storageEndpointSuffix", V::kString, true, "Storage DNS suffix"),
                      Key("keyVaultSuffix", V::kString, true, "Key Vault DNS suffix"),
                      Key("metricsQueryAudience", V::kString, true,
                          "Token audience of metric queries (URL)"),
                      Key("metricsClientAudience", V::kString, true,
                          "Token audience of the metrics client (URL)"),
                      Key("metricsBatchEndpoint", V::kString, false,
                          "Mensor: metrics:getBatch URL template containing '{region}'"),
                      Key("logAnalyticsEndpoint", V::kString, false,
                          "Log Analytics endpoint (URL); required when a metric uses "
                          "LogAnalytics"),
                  }),
          }),
      Key("metricDefaults", V::kObject, true, "Defaults for every metric",
          {
              Key("aggregation", V::kObject, false, "Default aggregation",
                  {WithDefault(Interval("Default aggregation interval (00:05:00 when the "
                                        "aggregation mapping has no interval)"),
                               "00:05:00")}),
              Schedule(true),
              Key("limit", V::kInt, false, "Default maximum of time series per query (1-10000)"),
              Labels("Labels added to every metric"),
          }),
      Key("metrics", V::kObjectList, true, "The metrics to scrape",
          {
              Key("name", V::kString, true, "Exported metric name (Prometheus naming rules)"),
              Key("description", V::kString, true, "Help text"),
              Key("resourceType", V::kString, true, "Resource type (a plugin)"),
              Labels("Labels of this metric"),
              Schedule(false),
              Key("azureMetricConfiguration", V::kObject, false,
                  "Azure Monitor metric to query (all types but LogAnalytics)",
                  {
                      Key("metricName", V::kString, true, "Azure Monitor metric name"),
                      Key("aggregation", V::kObject, true, "Aggregation",
                          {Allowing(Key("type", V::kString, true, "Aggregation type"),
                                    {"None", "Average", "Count", "Minimum", "Maximum", "Total"}),
                           Interval("Aggregation interval; default "
                                    "metricDefaults.aggregation.interval")}),
                      Key("limit", V::kInt, false,
                          "Maximum of time series (1-10000); default metricDefaults.limit"),
                      Key("dimensions", V::kObjectList, false, "Dimensions to split by",
                          {Key("name", V::kString, true, "Dimension name")}),
                      [] {
                        KeySpec dimension =
                            Key("dimension", V::kObject, false, "use 'dimensions' (a list) instead",
                                {Key("name", V::kString, true, "Dimension name")});
                        dimension.deprecated = true;
                        return dimension;
                      }(),
                  }),
              Key("logAnalyticsConfiguration", V::kObject, false,
                  "Kusto query (resourceType LogAnalytics only)",
                  {
                      Key("query", V::kString, true, "Kusto query ending in 'project result'"),
                      Key("aggregation", V::kObject, false, "Query time range",
                          {Interval("Time range of the query")}),
                  }),
              Open(Key("resources", V::kObjectList, false,
                       "Resources to scrape; keys depend on resourceType (see `mensor plugins "
                       "--describe`), plus subscriptionId and resourceGroupName overrides")),
              Key("resourceDiscoveryGroups", V::kObjectList, false,
                  "Resource discovery groups to ask Promitor Resource Discovery for",
                  {Key("name", V::kString, true, "Group name")}),
          }),
  };
}

}  // namespace

const std::vector<KeySpec>& DeclarationKeys() {
  static const std::vector<KeySpec> keys = Build();
  return keys;
}

const std::vector<std::string>& ResourceOverrideKeys() {
  static const std::vector<std::string> keys = {"subscriptionId", "resourceGroupName"};
  return keys;
}

std::span<const KeySpec> DeclarationKeysAt(std::string_view dotted_path) {
  std::span<const KeySpec> level = DeclarationKeys();
  std::size_t start = 0;
  while (!dotted_path.empty()) {
    const std::size_t dot = dotted_path.find('.', start);
    const std::string_view segment =
        dotted_path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    const KeySpec* found = FindSpec(level, segment, KeyMatch::kCaseSensitive);
    if (found == nullptr) return {};
    level = found->children;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return level;
}

}  // namespace mensor::config

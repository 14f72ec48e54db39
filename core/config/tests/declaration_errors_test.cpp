#include <gtest/gtest.h>

#include "mensor/config/declaration_loader.hpp"

namespace mensor::config {
namespace {

KeySpec Key(std::string name, bool required) {
  KeySpec spec;
  spec.name = std::move(name);
  spec.required = required;
  return spec;
}

struct ErrorCase {
  const char* name;
  const char* yaml;
  const char* expected;  // Diagnostics::Format()
};

class DeclarationErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(DeclarationErrors, AreReportedWithExactPositions) {
  Diagnostics diagnostics;
  LoadMetricsDeclarationFromString(GetParam().yaml, "decl.yaml", diagnostics);
  EXPECT_EQ(diagnostics.Format(), GetParam().expected);
}

// Lines 1-5, valid, shared by most cases.
#define HEADER            \
  "version: v1\n"         \
  "azureMetadata:\n"      \
  "  tenantId: t\n"       \
  "  subscriptionId: s\n" \
  "  resourceGroupName: rg\n"
// Lines 6-9.
#define DEFAULTS             \
  "metricDefaults:\n"        \
  "  aggregation:\n"         \
  "    interval: 00:05:00\n" \
  "  scraping: { schedule: '* * * * *' }\n"
// A valid metric body (5 lines) after "  - name: ..." line.
#define METRIC_BODY                                                                 \
  "    description: d\n"                                                            \
  "    resourceType: ServiceBusNamespace\n"                                         \
  "    azureMetricConfiguration: { metricName: M, aggregation: { type: Total } }\n" \
  "    resources:\n"                                                                \
  "      - namespace: sb\n"

INSTANTIATE_TEST_SUITE_P(
    Table, DeclarationErrors,
    testing::Values(
        ErrorCase{"Valid", HEADER DEFAULTS "metrics:\n  - name: ok\n" METRIC_BODY, ""},
        ErrorCase{
            "MissingVersion",
            "azureMetadata:\n  tenantId: t\n  subscriptionId: s\n  resourceGroupName: rg\n" DEFAULTS
            "metrics: []\n",
            "decl.yaml:1:1: error: no 'version' is given in the metrics declaration; "
            "expected 'v1'\n"},
        ErrorCase{"UnknownVersion", "version: v2\nmetrics: []\n",
                  "decl.yaml:1:10: error: version 'v2' of the metrics declaration is not known; "
                  "only 'v1' is supported\n"},
        ErrorCase{"VersionWrongCase",
                  "version: V1\n"
                  "azureMetadata: { tenantId: t, "
                  "subscriptionId: s, resourceGroupName: rg }\n" DEFAULTS "metrics: []\n",
                  "decl.yaml:1:10: error: 'version' must be exactly 'v1' but is 'V1'\n"},
        ErrorCase{"BadAggregationType",
                  HEADER DEFAULTS "metrics:\n  - name: m\n"
                                  "    description: d\n"
                                  "    resourceType: ServiceBusNamespace\n"
                                  "    azureMetricConfiguration:\n"
                                  "      metricName: M\n"
                                  "      aggregation:\n"
                                  "        type: total\n"
                                  "    resources: [{ namespace: sb }]\n",
                  "decl.yaml:17:15: error: 'total' is not a valid value for 'azureMetricConfiguration.aggregation.type'; expected one "
                  "of None, Average, Count, Minimum, Maximum, Total (case-sensitive)\n"},
        ErrorCase{"BadTimeSpan",
                  HEADER "metricDefaults:\n  aggregation:\n    interval: 5m\n"
                         "  scraping: { schedule: '* * * * *' }\nmetrics: []\n",
                  "decl.yaml:8:15: error: '5m' is not a valid value for 'metricDefaults.aggregation.interval'; expected a "
                  "duration like 'hh:mm:ss'\n"},
        ErrorCase{"BadCron",
                  HEADER "metricDefaults:\n  scraping:\n    schedule: '*/5 * * *'\nmetrics: []\n",
                  "decl.yaml:8:15: error: '*/5 * * *' is not a valid value for 'metricDefaults.scraping.schedule'; "
                  "expected a cron expression (expected 5 fields (minute hour day-of-month month "
                  "day-of-week) or 6 with seconds first, found 4)\n"},
        ErrorCase{"DuplicateMetric",
                  HEADER DEFAULTS "metrics:\n  - name: dup\n" METRIC_BODY
                                  "  - name: dup\n" METRIC_BODY,
                  "decl.yaml:17:11: error: metric name 'dup' is already declared on line 11; "
                  "names must be unique\n"},
        ErrorCase{"UnknownKeyWithSuggestion",
                  HEADER DEFAULTS "metrics:\n  - name: m\n" METRIC_BODY "    labells: { a: b }\n",
                  "decl.yaml:17:5: warning: unknown key 'labells' is ignored; did you mean "
                  "'labels'?\n"},
        ErrorCase{"MissingRequiredAtParent",
                  "version: v1\nazureMetadata:\n  tenantId: t\n  resourceGroupName: rg\n" DEFAULTS
                  "metrics: []\n",
                  "decl.yaml:3:3: error: required key 'azureMetadata.subscriptionId' is missing\n"},
        ErrorCase{"MissingTopLevelSections", "version: v1\n",
                  "decl.yaml:1:1: error: required key 'azureMetadata' is missing\n"
                  "decl.yaml:1:1: error: required key 'metricDefaults' is missing\n"
                  "decl.yaml:1:1: error: required key 'metrics' is missing\n"},
        ErrorCase{"MalformedYaml", "version: v1\nmetrics:\n  - name: [a\n",
                  "decl.yaml:4:1: error: the metrics declaration is not well-formed YAML: end of "
                  "sequence flow not found\n"},
        ErrorCase{"LimitOutOfRange",
                  HEADER DEFAULTS "  limit: 0\nmetrics:\n  - name: m\n"
                                  "    description: d\n"
                                  "    resourceType: ServiceBusNamespace\n"
                                  "    azureMetricConfiguration:\n"
                                  "      metricName: M\n"
                                  "      limit: 10001\n"
                                  "      aggregation: { type: Total }\n"
                                  "    resources: [{ namespace: sb }]\n",
                  "decl.yaml:10:10: error: 'metricDefaults.limit' is 0 but must be between 1 and 10000\n"
                  "decl.yaml:17:14: error: 'azureMetricConfiguration.limit' is 10001 but must be between 1 and 10000\n"},
        ErrorCase{"LimitNotInteger", HEADER DEFAULTS "  limit: many\nmetrics: []\n",
                  "decl.yaml:10:10: error: 'many' is not a valid value for 'metricDefaults.limit'; expected an "
                  "integer\n"},
        ErrorCase{"CustomCloudMissingEndpoints",
                  "version: v1\nazureMetadata:\n  cloud: Custom\n  tenantId: t\n"
                  "  subscriptionId: s\n  resourceGroupName: rg\n" DEFAULTS "metrics: []\n",
                  "decl.yaml:3:3: error: required key 'azureMetadata.endpoints' is missing\n"},
        ErrorCase{"CustomCloudEndpointsFirstBadUrlAndMissingKey",
                  "version: v1\nazureMetadata:\n"
                  "  endpoints:\n"
                  "    authenticationEndpoint: login.example.com\n"
                  "    resourceManagerEndpoint: https://management.example.com/\n"
                  "    graphEndpoint: https://graph.example.com/\n"
                  "    managementEndpoint: https://management.core.example.com/\n"
                  "    storageEndpointSuffix: core.example.com\n"
                  "    metricsQueryAudience: https://management.example.com\n"
                  "    metricsClientAudience: https://metrics.monitor.example.com\n"
                  "  cloud: Custom\n  tenantId: t\n  subscriptionId: s\n  resourceGroupName: "
                  "rg\n" DEFAULTS "metrics: []\n",
                  "decl.yaml:4:5: error: required key 'azureMetadata.endpoints.keyVaultSuffix' is missing\n"
                  "decl.yaml:4:29: error: 'login.example.com' is not an absolute URL, which "
                  "'azureMetadata.endpoints.authenticationEndpoint' must be\n"},
        ErrorCase{"GermanyIsRetired",
                  "version: v1\nazureMetadata: { tenantId: t, subscriptionId: s, "
                  "resourceGroupName: rg, cloud: Germany }\n" DEFAULTS "metrics: []\n",
                  "decl.yaml:2:80: error: 'Germany' is not a supported value for 'cloud': Azure "
                  "Germany has been retired; use Global, China, UsGov or Custom\n"},
        ErrorCase{"CloudIsCaseSensitive",
                  "version: v1\nazureMetadata: { tenantId: t, subscriptionId: s, "
                  "resourceGroupName: rg, cloud: global }\n" DEFAULTS "metrics: []\n",
                  "decl.yaml:2:80: error: 'global' is not a valid value for 'azureMetadata.cloud'; expected "
                  "one of Global, China, UsGov, Custom (case-sensitive)\n"},
        ErrorCase{"NoResources",
                  HEADER DEFAULTS
                  "metrics:\n  - name: m\n    description: d\n"
                  "    resourceType: ServiceBusNamespace\n"
                  "    azureMetricConfiguration: { metricName: M, aggregation: { type: Total } }\n"
                  "    resources: []\n",
                  "decl.yaml:11:5: error: the metric needs 'resources' or "
                  "'resourceDiscoveryGroups' (or both) with at least one entry\n"},
        ErrorCase{"NoAggregationInterval",
                  HEADER "metricDefaults: { scraping: { schedule: '* * * * *' } }\n"
                         "metrics:\n  - name: m\n" METRIC_BODY,
                  "decl.yaml:8:5: error: no aggregation interval for this metric: set "
                  "'azureMetricConfiguration.aggregation.interval' or "
                  "'metricDefaults.aggregation.interval'\n"},
        ErrorCase{"InvalidMetricAndLabelName",
                  HEADER DEFAULTS "metrics:\n  - name: queue-size\n" METRIC_BODY
                                  "    labels: { 1team: x }\n",
                  "decl.yaml:11:11: error: 'queue-size' is not a valid value for 'name'; expected "
                  "a Prometheus metric name (letters, digits, '_' and ':', not starting with a "
                  "digit)\n"
                  "decl.yaml:17:15: error: '1team' is not a valid label name; expected letters, "
                  "digits and '_' (not starting with a digit or '__')\n"},
        ErrorCase{"DimensionAndDimensions",
                  HEADER DEFAULTS "metrics:\n  - name: m\n    description: d\n"
                                  "    resourceType: ServiceBusNamespace\n"
                                  "    azureMetricConfiguration:\n"
                                  "      metricName: M\n"
                                  "      aggregation: { type: Total }\n"
                                  "      dimension: { name: A }\n"
                                  "      dimensions: [{ name: B }]\n"
                                  "    resources: [{ namespace: sb }]\n",
                  "decl.yaml:15:7: error: 'dimensions' and 'dimension' cannot both be used; keep "
                  "'dimensions'\n"},
        ErrorCase{"WrongNodeKind", HEADER DEFAULTS "metrics:\n  name: m\n",
                  "decl.yaml:11:3: error: 'metrics' must be a sequence, not a mapping\n"},
        ErrorCase{"NotSpecifiedAndMissingAzureConfig",
                  HEADER DEFAULTS "metrics:\n  - name: m\n    description: d\n"
                                  "    resourceType: NotSpecified\n"
                                  "    resources: [{ a: b }]\n",
                  "decl.yaml:11:5: error: 'azureMetricConfiguration' is required for resource "
                  "type 'NotSpecified'\n"
                  "decl.yaml:13:19: error: 'resourceType' must name a resource type, not "
                  "'NotSpecified'\n"}),
    [](const auto& info) { return info.param.name; });

TEST(DeclarationErrors, EveryProblemIsCollectedAndSorted) {
  Diagnostics diagnostics;
  LoadMetricsDeclarationFromString(HEADER
                                   "metricDefaults:\n"
                                   "  scraping: { schedule: 'nope' }\n"
                                   "  limt: 5\n"
                                   "metrics:\n"
                                   "  - name: m\n"
                                   "    resourceType: ServiceBusNamespace\n",
                                   "decl.yaml", diagnostics);
  EXPECT_EQ(diagnostics.ErrorCount(), 4u) << diagnostics.Format();
  EXPECT_EQ(diagnostics.WarningCount(), 1u);
  const auto sorted = diagnostics.Sorted();
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    EXPECT_LE(sorted[i - 1].line, sorted[i].line);
  }
}

TEST(DeclarationErrors, UnknownResourceTypeAndResourceSchema) {
  DeclarationLoadOptions options;
  options.resource_types = std::vector<std::string>{"ServiceBusNamespace"};
  options.resource_schema = [](std::string_view) -> std::optional<std::vector<KeySpec>> {
    return std::vector<KeySpec>{Key("namespace", true)};
  };
  Diagnostics diagnostics;
  LoadMetricsDeclarationFromString(HEADER DEFAULTS
                                   "metrics:\n"
                                   "  - name: m\n"
                                   "    description: d\n"
                                   "    resourceType: ServiceBusNamespaces\n"
                                   "    azureMetricConfiguration: { metricName: M, aggregation: "
                                   "{ type: Total } }\n"
                                   "    resources:\n"
                                   "      - namespac: sb\n",
                                   "decl.yaml", diagnostics, options);
  EXPECT_EQ(diagnostics.Format(),
            "decl.yaml:13:19: error: 'ServiceBusNamespaces' is not a valid value for "
            "'resourceType'; did you mean 'ServiceBusNamespace'?\n"
            "decl.yaml:16:9: warning: unknown key 'namespac' is ignored; did you mean "
            "'namespace'?\n"
            "decl.yaml:16:9: error: required key 'namespace' is missing in resource of type "
            "'ServiceBusNamespaces'\n");
}

TEST(DeclarationErrors, MissingFile) {
  Diagnostics diagnostics;
  LoadMetricsDeclaration("/nonexistent/decl.yaml", diagnostics);
  EXPECT_EQ(diagnostics.Format(),
            "/nonexistent/decl.yaml: error: metrics declaration file cannot "
            "be read (missing or not accessible)\n");
}

}  // namespace
}  // namespace mensor::config

#include "mensor/config/declaration_loader.hpp"

#include <gtest/gtest.h>

namespace mensor::config {
namespace {

const std::string kData = MENSOR_CONFIG_TEST_DATA;

KeySpec Key(std::string name, bool required) {
  KeySpec spec;
  spec.name = std::move(name);
  spec.required = required;
  return spec;
}

TEST(DeclarationLoader, WalkthroughLoadsWithEffectiveValues) {
  Diagnostics diagnostics;
  const auto d = LoadMetricsDeclaration(kData + "/walkthrough-declaration.yaml", diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_EQ(d.azure_metadata.tenant_id, "c8819874-9e56-4e3f-b1a8-1c0325138f27");
  EXPECT_EQ(d.azure_metadata.cloud, AzureCloud::kGlobal);
  EXPECT_EQ(d.metric_defaults.aggregation_interval, std::chrono::minutes(5));
  ASSERT_EQ(d.metrics.size(), 1u);
  const MetricDefinition& m = d.metrics[0];
  EXPECT_EQ(m.name, "demo_queue_size");
  EXPECT_EQ(m.description, "Amount of active messages of the 'demo_queue' queue");
  EXPECT_EQ(m.resource_type, "ServiceBusNamespace");
  EXPECT_EQ(m.resource_type_location.line, 14);
  EXPECT_EQ(m.resource_type_location.column, 19);
  EXPECT_EQ(m.schedule, "* * * * *");
  ASSERT_TRUE(m.cron);
  ASSERT_TRUE(m.azure_metric_configuration);
  EXPECT_EQ(m.azure_metric_configuration->metric_name, "ActiveMessages");
  EXPECT_EQ(m.azure_metric_configuration->aggregation_type, AggregationType::kTotal);
  EXPECT_EQ(m.azure_metric_configuration->aggregation_interval, std::chrono::minutes(5));
  EXPECT_FALSE(m.azure_metric_configuration->limit);
  ASSERT_EQ(m.resources.size(), 1u);
  EXPECT_EQ(m.resources[0].node["namespace"].as<std::string>(), "PromitorUniqueNameServiceBus");
  EXPECT_EQ(m.resources[0].location.line, 20);
  EXPECT_EQ(m.resources[0].subscription_id, "0f9d7fea-99e8-4768-8672-06a28514f77e");
  EXPECT_EQ(m.resources[0].resource_group_name, "PromitorWithManagedIdentityRG");

  const nlohmann::json j = ToJson(d);
  EXPECT_EQ(j["metrics"][0]["azureMetricConfiguration"]["aggregation"]["interval"], "00:05:00");
  EXPECT_EQ(j["metrics"][0]["azureMetricConfiguration"]["aggregation"]["type"], "Total");
  EXPECT_EQ(j["metrics"][0]["scraping"]["schedule"], "* * * * *");
  EXPECT_EQ(j["metrics"][0]["resources"][0]["queueName"], "demo_queue");
  EXPECT_EQ(j["azureMetadata"]["cloud"], "Global");
}

TEST(DeclarationLoader, WalkthroughPassesResourceSchemaHook) {
  DeclarationLoadOptions options;
  options.resource_types = std::vector<std::string>{"ServiceBusNamespace", "StorageQueue"};
  options.resource_schema = [](std::string_view type) -> std::optional<std::vector<KeySpec>> {
    if (type != "ServiceBusNamespace") return std::nullopt;
    return std::vector<KeySpec>{Key("namespace", true), Key("queueName", false),
                                Key("topicName", false)};
  };
  Diagnostics diagnostics;
  LoadMetricsDeclaration(kData + "/walkthrough-declaration.yaml", diagnostics, options);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
}

constexpr const char* kBase =
    "version: v1\n"
    "azureMetadata:\n"
    "  tenantId: t\n"
    "  subscriptionId: s\n"
    "  resourceGroupName: rg\n";

TEST(DeclarationLoader, DefaultsAreAppliedInPromitorOrder) {
  const std::string yaml =
      std::string(kBase) +
      "metricDefaults:\n"
      "  aggregation: {}\n"  // no interval: five minutes
      "  scraping: { schedule: '0 */5 * * * *' }\n"
      "  limit: 50\n"
      "  labels: { env: prod }\n"
      "metrics:\n"
      "  - name: a\n"
      "    description: A\n"
      "    resourceType: Generic\n"
      "    labels: { team: x }\n"
      "    scraping: { schedule: '*/2 * * * *' }\n"
      "    azureMetricConfiguration:\n"
      "      metricName: M\n"
      "      limit: 5\n"
      "      aggregation: { type: Average, interval: '00:01:00' }\n"
      "      dimensions: [{ name: EntityName }, { name: ' ' }, { name: EntityName }]\n"
      "    resources:\n"
      "      - resourceUri: x\n"
      "        subscriptionId: other-sub\n"
      "        resourceGroupName: ''\n"
      "  - name: b\n"
      "    description: B\n"
      "    resourceType: Generic\n"
      "    azureMetricConfiguration: { metricName: M, aggregation: { type: None } }\n"
      "    resourceDiscoveryGroups: [{ name: group-1 }]\n";
  Diagnostics diagnostics;
  const auto d = LoadMetricsDeclarationFromString(yaml, "d.yaml", diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  ASSERT_EQ(d.metrics.size(), 2u);
  const auto& a = d.metrics[0];
  EXPECT_EQ(a.schedule, "*/2 * * * *");
  EXPECT_EQ(a.azure_metric_configuration->aggregation_interval, std::chrono::minutes(1));
  EXPECT_EQ(a.azure_metric_configuration->limit, 5);
  EXPECT_EQ(a.azure_metric_configuration->dimensions, std::vector<std::string>{"EntityName"});
  EXPECT_EQ(a.labels, (Labels{{"team", "x"}}));
  EXPECT_EQ(a.resources[0].subscription_id, "other-sub");
  EXPECT_EQ(a.resources[0].resource_group_name, "rg");
  const auto& b = d.metrics[1];
  EXPECT_EQ(b.schedule, "0 */5 * * * *");
  ASSERT_TRUE(b.cron);
  EXPECT_TRUE(b.cron->HasSeconds());
  EXPECT_EQ(b.azure_metric_configuration->aggregation_interval, std::chrono::minutes(5));
  EXPECT_EQ(b.azure_metric_configuration->limit, 50);
  EXPECT_EQ(b.azure_metric_configuration->aggregation_type, AggregationType::kNone);
  EXPECT_EQ(b.resource_discovery_groups, std::vector<std::string>{"group-1"});
  EXPECT_EQ(d.metric_defaults.labels, (Labels{{"env", "prod"}}));
}

TEST(DeclarationLoader, CustomCloudEndpointsBeforeCloudKey) {
  const std::string yaml =
      "version: v1\n"
      "azureMetadata:\n"
      "  endpoints:\n"
      "    authenticationEndpoint: https://login.example.com\n"
      "    resourceManagerEndpoint: https://management.example.com/\n"
      "    graphEndpoint: https://graph.example.com/\n"
      "    managementEndpoint: https://management.core.example.com/\n"
      "    storageEndpointSuffix: core.example.com\n"
      "    keyVaultSuffix: vault.example.com\n"
      "    metricsQueryAudience: https://management.example.com\n"
      "    metricsClientAudience: https://metrics.monitor.example.com\n"
      "  tenantId: t\n"
      "  subscriptionId: s\n"
      "  resourceGroupName: rg\n"
      "  cloud: Custom\n"
      "metricDefaults: { scraping: { schedule: '* * * * *' } }\n"
      "metrics: []\n";
  Diagnostics diagnostics;
  const auto d = LoadMetricsDeclarationFromString(yaml, "d.yaml", diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_EQ(d.azure_metadata.cloud, AzureCloud::kCustom);
  ASSERT_TRUE(d.azure_metadata.endpoints);
  EXPECT_EQ(d.azure_metadata.endpoints->authentication_endpoint, "https://login.example.com");
  EXPECT_EQ(d.azure_metadata.endpoints->key_vault_suffix, "vault.example.com");
  EXPECT_FALSE(d.azure_metadata.endpoints->log_analytics_endpoint);
  EXPECT_EQ(ToJson(d)["azureMetadata"]["endpoints"]["graphEndpoint"], "https://graph.example.com/");
}

TEST(DeclarationLoader, SecretResourceValuesAreMaskedInJson) {
  const std::string yaml = std::string(kBase) +
                           "metricDefaults: { aggregation: { interval: '00:05:00' }, scraping: "
                           "{ schedule: '* * * * *' } }\n"
                           "metrics:\n"
                           "  - name: q\n"
                           "    description: Q\n"
                           "    resourceType: StorageQueue\n"
                           "    azureMetricConfiguration: { metricName: MessageCount, "
                           "aggregation: { type: Total } }\n"
                           "    resources:\n"
                           "      - { accountName: acc, queueName: q, sasToken: { rawValue: "
                           "TOP-SECRET } }\n";
  Diagnostics diagnostics;
  const auto d = LoadMetricsDeclarationFromString(yaml, "d.yaml", diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  const std::string dump = ToJson(d).dump();
  EXPECT_EQ(dump.find("TOP-SECRET"), std::string::npos);
  EXPECT_NE(dump.find("\"rawValue\":\"***\""), std::string::npos);
}

TEST(DeclarationLoader, NameRules) {
  EXPECT_TRUE(IsValidMetricName("azure:queue_size_2"));
  EXPECT_FALSE(IsValidMetricName("2queue"));
  EXPECT_FALSE(IsValidMetricName("queue-size"));
  EXPECT_FALSE(IsValidMetricName(""));
  EXPECT_TRUE(IsValidLabelName("Team/Name"));  // Promitor lower-cases and maps '/' to '_'
  EXPECT_FALSE(IsValidLabelName("__reserved"));
  EXPECT_FALSE(IsValidLabelName("app:name"));
  EXPECT_FALSE(IsValidLabelName("1abc"));
}

}  // namespace
}  // namespace mensor::config

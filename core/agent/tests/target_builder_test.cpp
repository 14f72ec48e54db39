#include "mensor/agent/target_builder.hpp"
#include "mensor/plugin/config_schema.hpp"

#include <gtest/gtest.h>

#include "mensor/config/declaration_loader.hpp"
#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::BuiltInRegistry;

constexpr const char* kHeader = R"(version: v1
azureMetadata:
  tenantId: tenant-1
  subscriptionId: sub-1
  resourceGroupName: rg-1
metricDefaults:
  aggregation:
    interval: 00:05:00
  scraping:
    schedule: "*/5 * * * *"
metrics:
)";

struct Built {
  config::Diagnostics diagnostics;
  std::vector<ScrapeTarget> targets;
};

// Loads `metrics` (the body of the metrics: list) the way LoadConfiguration does, then builds.
std::unique_ptr<Built> Build(const std::string& metrics) {
  auto built = std::make_unique<Built>();
  const auto& registry = BuiltInRegistry();
  config::DeclarationLoadOptions options;
  options.resource_types = registry.AvailableNames(plugin::PluginKind::kResourceType);
  options.resource_schema =
      [&registry](std::string_view type) -> std::optional<std::vector<config::KeySpec>> {
    const auto found = registry.FindResourceType(type);
    if (!found) return std::nullopt;
    return plugin::ToKeySpecs(found->desc.config);
  };
  const auto declaration = config::LoadMetricsDeclarationFromString(
      std::string(kHeader) + metrics, "decl.yaml", built->diagnostics, options);
  built->targets = BuildTargets(declaration, registry, built->diagnostics);
  return built;
}

// 1-based line of the first line of the whole document containing `needle`.
int LineOf(const std::string& metrics, const std::string& needle) {
  const std::string text = std::string(kHeader) + metrics;
  const size_t at = text.find(needle);
  return at == std::string::npos
             ? -1
             : 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

constexpr const char* kQueueMetric = R"(  - name: demo_queue_size
    description: Active messages
    resourceType: ServiceBusNamespace
    labels:
      team: payments
    azureMetricConfiguration:
      metricName: ActiveMessages
      aggregation:
        type: Total
    resources:
      - namespace: ns-1
        queueName: q
)";

TEST(TargetBuilderTest, RegistryHasTheServiceBusPlugin) {
  ASSERT_TRUE(BuiltInRegistry().FindResourceType("ServiceBusNamespace"))
      << "no servicebus plugin in " << testing::PluginDir();
}

TEST(TargetBuilderTest, QueueResourceBecomesFilteredTarget) {
  const auto built = Build(kQueueMetric);
  EXPECT_TRUE(built->diagnostics.Empty()) << built->diagnostics.Format();
  ASSERT_EQ(built->targets.size(), 1u);
  const ScrapeTarget& target = built->targets[0];
  EXPECT_EQ(target.metric_name, "demo_queue_size");
  EXPECT_EQ(target.description, "Active messages");
  EXPECT_EQ(target.resource_type, "ServiceBusNamespace");
  EXPECT_EQ(
      target.resource_uri(),
      "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-1");
  EXPECT_EQ(target.azure_metric_name, "ActiveMessages");
  EXPECT_EQ(target.aggregation, azure::Aggregation::kTotal);
  EXPECT_EQ(target.interval, std::chrono::seconds(300));
  EXPECT_EQ(target.filter, "EntityName eq 'q'");
  EXPECT_TRUE(target.dimensions.empty());
  // A filter without an explicit limit asks for Promitor's 10000, not Azure's default of 10.
  EXPECT_EQ(target.top, 10000);
  EXPECT_EQ(target.first_dimension_label, "entity_name");
  ASSERT_TRUE(target.schedule);
  EXPECT_EQ(target.schedule->Text(), "*/5 * * * *");
  EXPECT_EQ(target.labels.resource_group, "rg-1");
  EXPECT_EQ(target.labels.subscription_id, "sub-1");
  EXPECT_EQ(target.labels.instance_name, "ns-1");
  EXPECT_EQ(target.labels.scraper_labels, (LabelList{{"entity_name", "q"}}));
  EXPECT_EQ(target.labels.metric_labels, (LabelList{{"team", "payments"}}));
  EXPECT_EQ(target.labels.tenant_id, "tenant-1");
  EXPECT_TRUE(target.labels.dimension_labels.empty());
}

TEST(TargetBuilderTest, NamespaceWithoutEntityAsksForEveryEntity) {
  const auto built = Build(R"(  - name: all_queues
    description: Active messages of every entity
    resourceType: ServiceBusNamespace
    scraping:
      schedule: "0 * * * * *"
    azureMetricConfiguration:
      metricName: ActiveMessages
      limit: 5
      aggregation:
        type: Average
        interval: 00:01:00
    resources:
      - namespace: ns-2
        subscriptionId: sub-2
        resourceGroupName: rg-2
)");
  EXPECT_FALSE(built->diagnostics.HasErrors()) << built->diagnostics.Format();
  ASSERT_EQ(built->targets.size(), 1u);
  const ScrapeTarget& target = built->targets[0];
  EXPECT_EQ(
      target.resource_uri(),
      "subscriptions/sub-2/resourceGroups/rg-2/providers/Microsoft.ServiceBus/namespaces/ns-2");
  EXPECT_EQ(target.filter, "EntityName eq '*'");
  EXPECT_EQ(target.dimensions, std::vector<std::string>{"EntityName"});
  EXPECT_EQ(target.top, 5);
  EXPECT_EQ(target.interval, std::chrono::seconds(60));
  EXPECT_EQ(target.aggregation, azure::Aggregation::kAverage);
  ASSERT_TRUE(target.schedule);
  EXPECT_EQ(target.schedule->Text(), "0 * * * * *");
  EXPECT_EQ(target.labels.resource_group, "rg-2");
  EXPECT_EQ(target.labels.subscription_id, "sub-2");
  EXPECT_TRUE(target.labels.scraper_labels.empty());
}

TEST(TargetBuilderTest, EveryResourceOfAMetricGetsItsOwnTarget) {
  const auto built = Build(std::string(kQueueMetric) + R"(      - namespace: ns-1
        topicName: t
)");
  EXPECT_TRUE(built->diagnostics.Empty()) << built->diagnostics.Format();
  ASSERT_EQ(built->targets.size(), 2u);
  EXPECT_EQ(built->targets[0].filter, "EntityName eq 'q'");
  EXPECT_EQ(built->targets[1].filter, "EntityName eq 't'");
}

TEST(TargetBuilderTest, PluginErrorLandsOnTheKeyItNames) {
  const std::string metrics = std::string(kQueueMetric) + "        topicName: t\n";
  const auto built = Build(metrics);
  EXPECT_TRUE(built->targets.empty());
  ASSERT_EQ(built->diagnostics.ErrorCount(), 1u) << built->diagnostics.Format();
  const config::Diagnostic& error = built->diagnostics.All().at(0);
  EXPECT_EQ(error.file, "decl.yaml");
  EXPECT_EQ(error.line, LineOf(metrics, "topicName: t"));
  // The column of the value the key holds ("        topicName: t").
  EXPECT_EQ(error.column, 20);
  EXPECT_NE(error.message.find("queueName"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("topicName"), std::string::npos) << error.message;
}

TEST(TargetBuilderTest, ErrorWithoutKeyLandsOnTheResourceEntry) {
  const std::string metrics = R"(  - name: two_dimensions
    description: Too many dimensions
    resourceType: ServiceBusNamespace
    azureMetricConfiguration:
      metricName: ActiveMessages
      dimensions:
        - name: EntityName
        - name: Other
      aggregation:
        type: Total
    resources:
      - namespace: ns-1
)";
  const auto built = Build(metrics);
  EXPECT_TRUE(built->targets.empty());
  ASSERT_EQ(built->diagnostics.ErrorCount(), 1u) << built->diagnostics.Format();
  const config::Diagnostic& error = built->diagnostics.All().at(0);
  EXPECT_EQ(error.line, LineOf(metrics, "- namespace: ns-1"));
  EXPECT_EQ(error.column, 9);  // the mapping after "      - "
  EXPECT_NE(error.message.find("at most one dimension"), std::string::npos) << error.message;
}

TEST(TargetBuilderTest, OnlyTheInvalidResourceIsSkipped) {
  const auto built = Build(std::string(kQueueMetric) + R"(      - namespace: ns-3
        queueName: a
        topicName: b
      - namespace: ns-4
)");
  EXPECT_EQ(built->diagnostics.ErrorCount(), 1u) << built->diagnostics.Format();
  ASSERT_EQ(built->targets.size(), 2u);
  EXPECT_NE(built->targets[1].resource_uri().find("ns-4"), std::string::npos);
}

TEST(TargetBuilderTest, ToKeySpecsHonoursKeySize) {
  // A plugin built against a newer minor whose key struct grew: the host must step by key_size.
  struct GrownKey {
    mensor_config_key key;
    const char* added_later[3];
  };
  static const GrownKey keys[] = {
      {{"namespace", MENSOR_CFG_STRING, MENSOR_CFG_REQUIRED, nullptr, "ns", nullptr},
       {"x", "y", "z"}},
      {{"shards", MENSOR_CFG_INT, 0, "4", nullptr, nullptr}, {}},
      {{"password", MENSOR_CFG_STRING, MENSOR_CFG_SECRET, nullptr, nullptr, nullptr}, {}},
      {{"names", MENSOR_CFG_STRING_LIST, 0, nullptr, nullptr, nullptr}, {}},
  };
  mensor_config_schema schema{sizeof(mensor_config_schema), sizeof(GrownKey), 4, &keys[0].key};
  const auto specs = plugin::ToKeySpecs(&schema);
  ASSERT_EQ(specs.size(), 4u);
  EXPECT_EQ(specs[0].name, "namespace");
  EXPECT_TRUE(specs[0].required);
  EXPECT_EQ(specs[0].description, "ns");
  EXPECT_EQ(specs[1].name, "shards");
  EXPECT_EQ(specs[1].type, config::ValueType::kInt);
  EXPECT_EQ(specs[1].default_value, "4");
  EXPECT_FALSE(specs[1].required);
  EXPECT_EQ(specs[2].name, "password");
  EXPECT_TRUE(specs[2].secret);
  EXPECT_EQ(specs[3].type, config::ValueType::kStringList);
  EXPECT_TRUE(plugin::ToKeySpecs(nullptr).empty());
}

}  // namespace
}  // namespace mensor::agent

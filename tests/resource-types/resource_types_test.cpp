// Every resource type of promitor-compat.md §3.1, table-driven over types.yaml: each row is
// loaded as a metrics declaration and resolved through the real built-in plugins (host schema
// validation, the plugin's validate and describe, the host's filter merge and label sources).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mensor/agent/label_composer.hpp"
#include "mensor/agent/target_builder.hpp"
#include "mensor/config/declaration_loader.hpp"
#include "mensor/plugin/config_schema.hpp"
#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::BuiltInRegistry;

struct Row {
  std::string name;
  YAML::Node node;
};

std::vector<Row> LoadRows() {
  const std::string path = std::string(MENSOR_TEST_SOURCE_DIR) + "/tests/resource-types/types.yaml";
  std::vector<Row> rows;
  for (const YAML::Node& node : YAML::LoadFile(path)) {
    rows.push_back(
        Row{node["case"] ? node["case"].as<std::string>() : node["type"].as<std::string>(), node});
  }
  return rows;
}

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

// The declaration holding the row's one metric.
std::string Declaration(const YAML::Node& row) {
  YAML::Node metric;
  metric["name"] = "test_metric";
  metric["description"] = "A test metric";
  metric["resourceType"] = row["type"];
  const YAML::Node overrides = row["metric"];
  if (row["logAnalytics"]) {
    metric["logAnalyticsConfiguration"] = row["logAnalytics"];
  } else {
    YAML::Node azure;
    azure["metricName"] = overrides && overrides["metricName"]
                              ? overrides["metricName"].as<std::string>()
                              : std::string("TestMetric");
    azure["aggregation"]["type"] = "Total";
    if (overrides && overrides["dimensions"]) {
      for (const auto& dimension : overrides["dimensions"]) {
        YAML::Node entry;
        entry["name"] = dimension.as<std::string>();
        azure["dimensions"].push_back(entry);
      }
    }
    if (overrides && overrides["limit"]) azure["limit"] = overrides["limit"];
    metric["azureMetricConfiguration"] = azure;
  }
  metric["resources"].push_back(row["resource"]);

  YAML::Node document;
  document["version"] = "v1";
  document["azureMetadata"]["tenantId"] = "tenant-1";
  document["azureMetadata"]["subscriptionId"] = "sub-1";
  document["azureMetadata"]["resourceGroupName"] = "rg-1";
  document["metricDefaults"]["aggregation"]["interval"] = "00:05:00";
  document["metricDefaults"]["scraping"]["schedule"] = "*/5 * * * *";
  document["metrics"].push_back(metric);
  YAML::Emitter out;
  out << document;
  return out.c_str();
}

std::vector<std::string> Strings(const YAML::Node& node) {
  std::vector<std::string> values;
  if (node) {
    for (const auto& value : node) values.push_back(value.as<std::string>());
  }
  return values;
}

LabelList Pairs(const YAML::Node& node) {
  LabelList labels;
  if (node) {
    for (const auto& pair : node)
      labels.emplace_back(pair[0].as<std::string>(), pair[1].as<std::string>());
  }
  return labels;
}

std::string Messages(const config::Diagnostics& diagnostics, config::Severity severity) {
  std::string all;
  for (const auto& d : diagnostics.All()) {
    if (d.severity == severity) all += d.message + "\n";
  }
  return all;
}

class ResourceTypeTest : public ::testing::TestWithParam<Row> {};

TEST_P(ResourceTypeTest, ResolvesAsPromitorDoes) {
  const YAML::Node& row = GetParam().node;
  const std::string text = Declaration(row);
  const auto& registry = BuiltInRegistry();
  ASSERT_TRUE(registry.FindResourceType(row["type"].as<std::string>()))
      << "no plugin provides " << row["type"].as<std::string>() << " in " << testing::PluginDir();
  config::Diagnostics diagnostics;
  config::DeclarationLoadOptions options;
  options.resource_types = registry.AvailableNames(plugin::PluginKind::kResourceType);
  options.resource_schema =
      [&registry](std::string_view type) -> std::optional<std::vector<config::KeySpec>> {
    const auto found = registry.FindResourceType(type);
    if (!found) return std::nullopt;
    return plugin::ToKeySpecs(found->desc.config);
  };
  const auto declaration =
      config::LoadMetricsDeclarationFromString(text, "decl.yaml", diagnostics, options);
  const auto targets = BuildTargets(declaration, registry, diagnostics);

  const std::string errors = Messages(diagnostics, config::Severity::kError);
  const std::string warnings = Messages(diagnostics, config::Severity::kWarning);
  for (const std::string& expected : Strings(row["warnings"])) {
    EXPECT_NE(warnings.find(expected), std::string::npos) << "warnings:\n" << warnings;
  }
  if (row["errors"]) {
    EXPECT_TRUE(targets.empty());
    for (const std::string& expected : Strings(row["errors"])) {
      EXPECT_NE(errors.find(expected), std::string::npos)
          << "expected an error containing \"" << expected << "\"; got:\n"
          << diagnostics.Format() << "\nfor:\n"
          << text;
    }
    return;
  }
  ASSERT_TRUE(errors.empty()) << diagnostics.Format() << "\nfor:\n" << text;
  ASSERT_EQ(targets.size(), 1u);
  const ScrapeTarget& target = targets[0];
  EXPECT_EQ(target.resource_uri(), row["uri"].as<std::string>());
  EXPECT_EQ(target.labels.instance_name, row["instance"].as<std::string>(""));
  EXPECT_EQ(target.filter, row["filter"].as<std::string>(""));
  const std::vector<std::string> configured =
      Strings(row["metric"] ? row["metric"]["dimensions"] : YAML::Node());
  EXPECT_EQ(target.dimensions, row["dimensions"] ? Strings(row["dimensions"]) : configured);
  EXPECT_EQ(target.labels.scraper_labels, Pairs(row["labels"]));
  EXPECT_EQ(target.first_dimension_label, row["firstDimensionLabel"].as<std::string>(""));
  const bool collect = row["collect"].as<bool>(false);
  EXPECT_EQ(target.collect != nullptr, collect);
  if (row["top"]) {
    EXPECT_EQ(target.top, row["top"].as<int>());
  } else if (!target.filter.empty()) {
    EXPECT_EQ(target.top, 10000);
  } else {
    EXPECT_FALSE(target.top.has_value());
  }

  // Promitor's label order and precedence (§5.1) on top of the type's own labels.
  const LabelList labels = ComposeLabels(target.labels, nullptr);
  ASSERT_GE(labels.size(), 4u);
  const bool has_instance = !target.labels.instance_name.empty();
  EXPECT_EQ(labels[0],
            (std::pair<std::string, std::string>(
                "resource_group",
                row["uri"].as<std::string>().find("rg-2") != std::string::npos ? "rg-2" : "rg-1")));
  EXPECT_EQ(labels[2].first, "resource_uri");
  EXPECT_EQ(labels[2].second, row["uri"].as<std::string>());
  if (has_instance) {
    EXPECT_EQ(labels[3].first, "instance_name");
  }
  EXPECT_EQ(labels.back(), (std::pair<std::string, std::string>("tenant_id", "tenant-1")));
}

INSTANTIATE_TEST_SUITE_P(Types, ResourceTypeTest, ::testing::ValuesIn(LoadRows()),
                         [](const auto& info) { return info.param.name; });

// Every resource type Promitor has (§3.1) has a row, so the table cannot silently skip one.
TEST(ResourceTypeTable, CoversAllPromitorTypes) {
  const std::vector<std::string> promitor = {"ApiManagement",
                                             "AppPlan",
                                             "ApplicationGateway",
                                             "ApplicationInsights",
                                             "AutomationAccount",
                                             "AzureFirewall",
                                             "BlobStorage",
                                             "Cdn",
                                             "CognitiveServicesAccount",
                                             "ContainerInstance",
                                             "ContainerRegistry",
                                             "CosmosDb",
                                             "DataExplorerCluster",
                                             "DataFactory",
                                             "DataShare",
                                             "DeviceProvisioningService",
                                             "DnsZone",
                                             "EventHubs",
                                             "ExpressRouteCircuit",
                                             "FileStorage",
                                             "FrontDoor",
                                             "FunctionApp",
                                             "Generic",
                                             "IoTHub",
                                             "KeyVault",
                                             "KubernetesService",
                                             "LoadBalancer",
                                             "LogAnalytics",
                                             "LogicApp",
                                             "MariaDb",
                                             "MongoCluster",
                                             "MonitorAutoscale",
                                             "MySql",
                                             "NatGateway",
                                             "NetworkGateway",
                                             "NetworkInterface",
                                             "PostgreSql",
                                             "PowerBiDedicated",
                                             "PublicIpAddress",
                                             "RedisCache",
                                             "RedisEnterpriseCache",
                                             "ServiceBusNamespace",
                                             "SqlDatabase",
                                             "SqlElasticPool",
                                             "SqlManagedInstance",
                                             "SqlServer",
                                             "StorageAccount",
                                             "StorageQueue",
                                             "SynapseApacheSparkPool",
                                             "SynapseSqlPool",
                                             "SynapseWorkspace",
                                             "TrafficManager",
                                             "VirtualMachine",
                                             "VirtualMachineScaleSet",
                                             "VirtualNetwork",
                                             "WebApp"};
  ASSERT_EQ(promitor.size(), 56u);
  std::set<std::string> rows;
  for (const Row& row : LoadRows()) rows.insert(row.node["type"].as<std::string>());
  for (const std::string& type : promitor) {
    EXPECT_TRUE(rows.count(type)) << type << " has no row in types.yaml";
    EXPECT_TRUE(BuiltInRegistry().FindResourceType(type)) << type << " has no plugin";
  }
}

}  // namespace
}  // namespace mensor::agent

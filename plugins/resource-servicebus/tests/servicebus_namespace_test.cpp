// ServiceBusNamespace through its C descriptor (FakeHost), one row per case.
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../src/servicebus_namespace.hpp"

namespace {

using mensor::testing::FakeHost;
using mensor::testing::FakeMetric;

constexpr const char* kType = "ServiceBusNamespace";

FakeMetric Metric(std::vector<std::string> dimensions) {
  FakeMetric metric;
  metric.name = "azure_service_bus_active_messages";
  metric.dimensions = std::move(dimensions);
  return metric;
}

class ServiceBusTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST_F(ServiceBusTest, RegistersTheResourceType) {
  const mensor_resource_type_desc* desc = host_.resource_type(kType);
  ASSERT_NE(desc, nullptr);
  EXPECT_STREQ(desc->arm_resource_type, "Microsoft.ServiceBus/namespaces");
  ASSERT_EQ(desc->config->key_count, 3u);
  EXPECT_STREQ(desc->config->keys[0].name, "namespace");
  EXPECT_EQ(desc->config->keys[0].flags & MENSOR_CFG_REQUIRED, MENSOR_CFG_REQUIRED);
  EXPECT_STREQ(desc->config->keys[1].name, "queueName");
  EXPECT_STREQ(desc->config->keys[2].name, "topicName");
  EXPECT_STREQ(mensor_plugin_info_v1()->name, "servicebus");
}

struct DescribeCase {
  const char* name;
  const char* yaml;
  std::vector<std::string> configured_dimensions;
  std::string filter;
  std::vector<std::string> dimensions;
  std::optional<std::string> entity_label;
};

// Readable test names in failure output instead of byte dumps.
void PrintTo(const DescribeCase& c, std::ostream* os) { *os << c.name; }

class DescribeTest : public ServiceBusTest, public ::testing::WithParamInterface<DescribeCase> {};

TEST_P(DescribeTest, BuildsTheTarget) {
  const DescribeCase& c = GetParam();
  auto result = host_.Describe(kType, c.yaml, Metric(c.configured_dimensions));
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  EXPECT_EQ(result.target.provider_path(), "Microsoft.ServiceBus/namespaces/ns1");
  EXPECT_EQ(result.target.instance_name(), "ns1");
  EXPECT_EQ(result.target.filter(), c.filter);
  EXPECT_EQ(result.target.dimensions, c.dimensions);
  EXPECT_EQ(result.target.Label("entity_name"), c.entity_label);
  EXPECT_EQ(result.target.first_dimension_label(), "entity_name");
  EXPECT_EQ(result.target.labels.size(), c.entity_label ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(Cases, DescribeTest,
                         ::testing::Values(DescribeCase{"Queue",
                                                        "namespace: ns1\nqueueName: orders",
                                                        {},
                                                        "EntityName eq 'orders'",
                                                        {},
                                                        "orders"},
                                           DescribeCase{"QueueKeepsConfiguredDimension",
                                                        "namespace: ns1\nqueueName: orders",
                                                        {"OperationResult"},
                                                        "EntityName eq 'orders'",
                                                        {"OperationResult"},
                                                        "orders"},
                                           DescribeCase{"Topic",
                                                        "namespace: ns1\ntopicName: events",
                                                        {},
                                                        "EntityName eq 'events'",
                                                        {},
                                                        "events"},
                                           DescribeCase{"QuoteIsEscaped",
                                                        "namespace: ns1\nqueueName: \"o'brien\"",
                                                        {},
                                                        "EntityName eq 'o''brien'",
                                                        {},
                                                        "o'brien"},
                                           DescribeCase{
                                               "EmptyQueueFallsBackToTopic",
                                               "namespace: ns1\nqueueName: ''\ntopicName: t",
                                               {},
                                               "EntityName eq 't'",
                                               {},
                                               "t"},
                                           DescribeCase{"NoEntityForcesEntityName",
                                                        "namespace: ns1",
                                                        {},
                                                        "EntityName eq '*'",
                                                        {"EntityName"},
                                                        std::nullopt},
                                           DescribeCase{"NoEntityReplacesConfiguredDimensions",
                                                        "namespace: ns1",
                                                        {"Foo"},
                                                        "EntityName eq '*'",
                                                        {"EntityName"},
                                                        std::nullopt}),
                         [](const auto& info) { return std::string(info.param.name); });

struct ValidateCase {
  const char* name;
  const char* yaml;
  std::vector<std::string> configured_dimensions;
  // (key, substring of the message) per expected error; empty = valid.
  std::vector<std::pair<std::string, std::string>> errors;
};

void PrintTo(const ValidateCase& c, std::ostream* os) { *os << c.name; }

class ValidateTest : public ServiceBusTest, public ::testing::WithParamInterface<ValidateCase> {};

TEST_P(ValidateTest, ReportsProblems) {
  const ValidateCase& c = GetParam();
  auto result = host_.Validate(kType, c.yaml, Metric(c.configured_dimensions));
  EXPECT_EQ(result.status, c.errors.empty() ? MENSOR_OK : MENSOR_E_CONFIG)
      << result.call.error_message;
  ASSERT_EQ(result.call.ErrorCount(), c.errors.size());
  for (size_t i = 0; i < c.errors.size(); ++i) {
    EXPECT_EQ(result.call.diagnostics[i].key, c.errors[i].first);
    EXPECT_NE(result.call.diagnostics[i].message.find(c.errors[i].second), std::string::npos)
        << result.call.diagnostics[i].message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ValidateTest,
    ::testing::Values(
        ValidateCase{"NamespaceOnly", "namespace: ns1", {}, {}},
        ValidateCase{"QueueWithOtherDimension", "namespace: ns1\nqueueName: q", {"Foo"}, {}},
        ValidateCase{"EntityNameDimensionWithoutEntity", "namespace: ns1", {"EntityName"}, {}},
        ValidateCase{"EmptyNamespace", "namespace: ''", {}, {{"namespace", "'namespace'"}}},
        ValidateCase{"MissingNamespace", "queueName: q", {}, {{"namespace", "'namespace'"}}},
        ValidateCase{"QueueAndTopic",
                     "namespace: ns1\nqueueName: q\ntopicName: t",
                     {},
                     {{"topicName", "'queueName' ('q') and 'topicName' ('t')"}}},
        ValidateCase{"TwoDimensions",
                     "namespace: ns1",
                     {"EntityName", "OperationResult"},
                     {{"", "2 dimensions (EntityName, OperationResult)"}}},
        ValidateCase{"QueueWithEntityNameDimension",
                     "namespace: ns1\nqueueName: q",
                     {"EntityName"},
                     {{"queueName", "'queueName' ('q') cannot be combined with the 'EntityName'"}}},
        ValidateCase{
            "TopicWithEntityNameDimension",
            "namespace: ns1\ntopicName: t",
            {"EntityName"},
            {{"topicName", "'topicName' ('t') cannot be combined with the 'EntityName'"}}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ODataQuoteTest, DoublesQuotes) {
  using mensor::plugins::servicebus::ServiceBusNamespace;
  EXPECT_EQ(ServiceBusNamespace::QuoteODataString("a"), "'a'");
  EXPECT_EQ(ServiceBusNamespace::QuoteODataString("''"), "''''''");
}

}  // namespace

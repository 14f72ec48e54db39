#include "mensor/agent/label_composer.hpp"

#include <gtest/gtest.h>

namespace mensor::agent {
namespace {

LabelSources Walkthrough() {
  LabelSources sources;
  sources.resource_group = "rg";
  sources.subscription_id = "sub";
  sources.resource_uri =
      "subscriptions/sub/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/ns";
  sources.instance_name = "ns";
  sources.scraper_labels = {{"entity_name", "demo_queue"}};
  sources.tenant_id = "tenant";
  return sources;
}

TEST(LabelComposerTest, WalkthroughLabelsInPromitorOrder) {
  EXPECT_EQ(ComposeLabels(Walkthrough(), nullptr),
            (LabelList{{"resource_group", "rg"},
                       {"subscription_id", "sub"},
                       {"resource_uri", Walkthrough().resource_uri},
                       {"instance_name", "ns"},
                       {"entity_name", "demo_queue"},
                       {"tenant_id", "tenant"}}));
}

TEST(LabelComposerTest, SeparateDimensionLabelsReplaceTheSources) {
  LabelSources sources = Walkthrough();
  sources.dimension_labels = {{"ignored", "x"}};
  const LabelList dimensions = {{"EntityName", "orders"}, {"resource_group", "clash"}};
  LabelSources merged = Walkthrough();
  merged.dimension_labels = dimensions;
  std::vector<std::string> warnings;
  const LabelList labels = ComposeLabels(sources, dimensions, &warnings);
  EXPECT_EQ(labels, ComposeLabels(merged, nullptr));
  EXPECT_EQ(labels[5], (std::pair<std::string, std::string>{"EntityName", "orders"}));
  EXPECT_EQ(labels[6], (std::pair<std::string, std::string>{"dimension_resource_group", "clash"}));
  EXPECT_TRUE(warnings.empty());
}

TEST(LabelComposerTest, EmptyInstanceNameIsOmitted) {
  LabelSources sources = Walkthrough();
  sources.instance_name.clear();
  for (const auto& [name, value] : ComposeLabels(sources, nullptr))
    EXPECT_NE(name, "instance_name");
}

TEST(LabelComposerTest, CollidingDimensionIsRenamedNotLost) {
  LabelSources sources = Walkthrough();
  sources.dimension_labels = {{"Resource_Group", "from-azure"}};
  const LabelList labels = ComposeLabels(sources, nullptr);
  EXPECT_NE(
      std::find(labels.begin(), labels.end(),
                std::pair<std::string, std::string>{"dimension_Resource_Group", "from-azure"}),
      labels.end());
}

TEST(LabelComposerTest, DimensionCollidingOnlyAfterPrometheusNamingIsRenamed) {
  LabelSources sources = Walkthrough();
  sources.dimension_labels = {{"Resource.Group", "dotted"}, {"entity-name", "dashed"}};
  const LabelList labels = ComposeLabels(sources, nullptr);
  const auto has = [&](const char* name, const char* value) {
    return std::find(labels.begin(), labels.end(),
                     std::pair<std::string, std::string>{name, value}) != labels.end();
  };
  EXPECT_TRUE(has("dimension_Resource.Group", "dotted"));
  EXPECT_TRUE(has("dimension_entity-name", "dashed"));  // the walkthrough sets entity_name
}

TEST(LabelComposerTest, CustomLabelCannotOverrideBuiltInAndWarns) {
  LabelSources sources = Walkthrough();
  sources.metric_labels = {{"resource_group", "mine"}, {"team", "payments"}};
  std::vector<std::string> warnings;
  const LabelList labels = ComposeLabels(sources, &warnings);
  EXPECT_EQ(labels[0], (std::pair<std::string, std::string>{"resource_group", "rg"}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("resource_group"), std::string::npos);
  EXPECT_NE(std::find(labels.begin(), labels.end(),
                      std::pair<std::string, std::string>{"team", "payments"}),
            labels.end());
}

TEST(LabelComposerTest, MetricLabelsWinOverDefaultsAndCustomTenantWins) {
  LabelSources sources = Walkthrough();
  sources.metric_labels = {{"env", "prod"}, {"tenant_id", "custom-tenant"}};
  sources.default_labels = {{"env", "default"}, {"region", "eu"}};
  const LabelList labels = ComposeLabels(sources, nullptr);
  auto value_of = [&](const std::string& name) {
    for (const auto& [key, value] : labels)
      if (key == name) return value;
    return std::string("<absent>");
  };
  EXPECT_EQ(value_of("env"), "prod");
  EXPECT_EQ(value_of("region"), "eu");
  EXPECT_EQ(value_of("tenant_id"), "custom-tenant");
}

}  // namespace
}  // namespace mensor::agent

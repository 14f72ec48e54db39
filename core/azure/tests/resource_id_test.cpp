#include "mensor/azure/resource_id.hpp"

#include <gtest/gtest.h>

#include <unordered_map>

namespace mensor::azure {
namespace {

TEST(ResourceIdTest, BuildsPromitorResourceUri) {
  EXPECT_EQ(BuildResourceUri("sub-1", "rg-1", "Microsoft.ServiceBus/namespaces/ns"),
            "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns");
  EXPECT_EQ(BuildResourceUri("/sub-1/", "rg-1", "/Microsoft.Web/sites/app/"),
            "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Web/sites/app");
}

TEST(ResourceIdTest, ParsesNestedResource) {
  const auto parts = ParseResourceId(
      "/subscriptions/1f3fa6d2/resourceGroups/todking/providers/Microsoft.Storage/"
      "storageAccounts/tkfileserv/blobServices/default");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->subscription_id, "1f3fa6d2");
  EXPECT_EQ(parts->resource_group, "todking");
  EXPECT_EQ(parts->provider_path,
            "Microsoft.Storage/storageAccounts/tkfileserv/blobServices/default");
  EXPECT_EQ(parts->provider_namespace, "Microsoft.Storage");
  EXPECT_EQ(parts->resource_type, "Microsoft.Storage/storageAccounts/blobServices");
  EXPECT_EQ(parts->name, "default");
}

TEST(ResourceIdTest, KeywordsAreCaseInsensitive) {
  const auto parts =
      ParseResourceId("SUBSCRIPTIONS/abc/resourcegroups/RG/PROVIDERS/microsoft.web/sites/app");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->resource_group, "RG");
  EXPECT_EQ(parts->resource_type, "microsoft.web/sites");
  EXPECT_EQ(parts->name, "app");
}

TEST(ResourceIdTest, RoundTripsBuildAndParse) {
  const std::string uri = BuildResourceUri("s", "g", "Microsoft.Cache/Redis/cache1");
  const auto parts = ParseResourceId(uri);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(BuildResourceUri(parts->subscription_id, parts->resource_group, parts->provider_path),
            uri);
}

TEST(ResourceIdTest, SubscriptionLevelAndInvalidIds) {
  const auto sub = ParseResourceId("/subscriptions/abc");
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(sub->resource_group, "");
  EXPECT_FALSE(ParseResourceId("").has_value());
  EXPECT_FALSE(ParseResourceId("/resourceGroups/x").has_value());
  EXPECT_FALSE(ParseResourceId("/subscriptions/").has_value());
  EXPECT_FALSE(ParseResourceId("/subscriptions/abc/bogus/x").has_value());
}

TEST(ResourceIdTest, CaseInsensitiveCompare) {
  EXPECT_TRUE(ResourceIdEquals("/subscriptions/A/resourceGroups/RG/providers/X/y/Z",
                               "subscriptions/a/resourcegroups/rg/providers/x/y/z"));
  EXPECT_FALSE(
      ResourceIdEquals("subscriptions/a/resourceGroups/rg1", "subscriptions/a/resourceGroups/rg2"));
  EXPECT_EQ(NormalizeResourceId("/Subscriptions/A/"), "subscriptions/a");
}

// A hash map keyed by normalised ids is looked up with ids as configured or as Azure echoes
// them, without a normalised copy: the hash must agree with ResourceIdEquals.
TEST(ResourceIdTest, HashAgreesWithEquals) {
  const char* same[] = {"/subscriptions/A/resourceGroups/RG/providers/X/y/Z",
                        "subscriptions/a/resourcegroups/rg/providers/x/y/z",
                        " subscriptions/A/resourceGroups/RG/providers/X/y/Z/ "};
  for (const char* id : same) {
    EXPECT_EQ(ResourceIdHash(id), ResourceIdHash(NormalizeResourceId(same[0]))) << id;
  }
  EXPECT_NE(ResourceIdHash("subscriptions/a/resourceGroups/rg1"),
            ResourceIdHash("subscriptions/a/resourceGroups/rg2"));
  std::unordered_map<std::string, int, ResourceIdKeyHash, ResourceIdKeyEqual> regions;
  regions.emplace(NormalizeResourceId(same[0]), 1);
  for (const char* id : same) EXPECT_EQ(regions.count(std::string_view(id)), 1u) << id;
}

TEST(ResourceIdTest, ResourceIdFromMetricId) {
  EXPECT_EQ(
      ResourceIdFromMetricId("/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/"
                             "storageAccounts/a/providers/Microsoft.Insights/metrics/Ingress"),
      "subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a");
  EXPECT_EQ(ResourceIdFromMetricId("/subscriptions/s/providers/microsoft.insights/metrics/X"),
            "subscriptions/s");
}

}  // namespace
}  // namespace mensor::azure

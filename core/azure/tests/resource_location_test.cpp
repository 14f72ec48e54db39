#include "mensor/azure/resource_location.hpp"

#include <gtest/gtest.h>

#include "mensor/azure/cloud.hpp"

namespace mensor::azure {
namespace {

TEST(ResourceLocation, UrlKeepsThePathAndAddsTheGenericApiVersion) {
  EXPECT_EQ(BuildResourceUrl("https://management.azure.com/",
                             "/subscriptions/s/resourceGroups/rg/providers/Microsoft.X/y/n"),
            "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/"
            "Microsoft.X/y/n?api-version=2021-04-01");
}

TEST(ResourceLocation, LocationBecomesTheProgrammaticRegionName) {
  auto region = ParseResourceLocation(R"({"id":"/subscriptions/s","location":"West Europe"})");
  ASSERT_TRUE(region) << region.error();
  EXPECT_EQ(*region, "westeurope");
}

TEST(ResourceLocation, MissingOrInvalidLocationFails) {
  EXPECT_FALSE(ParseResourceLocation(R"({"id":"x"})"));
  EXPECT_FALSE(ParseResourceLocation(R"({"location":5})"));
  EXPECT_FALSE(ParseResourceLocation("not json"));
}

TEST(ResourceLocation, CustomCloudBatchEndpointTemplateWinsOverTheAudience) {
  CustomEndpoints custom;
  custom.resource_manager_endpoint = "http://127.0.0.1:9000";
  custom.metrics_client_audience = "https://metrics.monitor.azure.com";
  custom.metrics_batch_endpoint = "http://127.0.0.1:9000/{region}/";
  const CloudEndpoints cloud = ForCustomCloud(custom);
  EXPECT_EQ(MetricsBatchHost(cloud, "West Europe"), "http://127.0.0.1:9000/westeurope");
  EXPECT_EQ(cloud.metrics_batch_scope, "https://metrics.monitor.azure.com/.default");
}

TEST(ResourceLocation, CustomCloudDerivesTheBatchHostFromTheAudienceAsPromitor) {
  CustomEndpoints custom;
  custom.resource_manager_endpoint = "https://management.example";
  custom.metrics_client_audience = "https://metrics.monitor.example";
  const CloudEndpoints cloud = ForCustomCloud(custom);
  EXPECT_EQ(MetricsBatchHost(cloud, "northeurope"), "https://northeurope.metrics.monitor.example");
  EXPECT_EQ(cloud.metrics_batch_scope, "https://metrics.monitor.example/.default");
}

}  // namespace
}  // namespace mensor::azure

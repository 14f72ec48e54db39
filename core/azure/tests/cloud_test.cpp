#include "mensor/azure/cloud.hpp"

#include <gtest/gtest.h>

namespace mensor::azure {
namespace {

TEST(CloudTest, GlobalEndpoints) {
  const CloudEndpoints e = ForCloud(CloudName::kGlobal);
  EXPECT_EQ(e.authority_host, "https://login.microsoftonline.com");
  EXPECT_EQ(e.resource_manager, "https://management.azure.com");
  EXPECT_EQ(e.arm_scope, "https://management.azure.com/.default");
  EXPECT_EQ(e.arm_resource, "https://management.azure.com/");
  EXPECT_EQ(e.metrics_batch_host_template, "https://{region}.metrics.monitor.azure.com");
  EXPECT_EQ(e.metrics_batch_scope, "https://metrics.monitor.azure.com/.default");
  EXPECT_EQ(e.log_analytics, "https://api.loganalytics.io");
  EXPECT_EQ(e.storage_suffix, "core.windows.net");
}

TEST(CloudTest, ChinaEndpoints) {
  const CloudEndpoints e = ForCloud(CloudName::kChina);
  EXPECT_EQ(e.authority_host, "https://login.chinacloudapi.cn");
  EXPECT_EQ(e.resource_manager, "https://management.chinacloudapi.cn");
  EXPECT_EQ(e.arm_scope, "https://management.chinacloudapi.cn/.default");
  EXPECT_EQ(e.metrics_batch_host_template, "https://{region}.metrics.monitor.azure.cn");
  EXPECT_EQ(e.metrics_batch_scope, "https://metrics.monitor.azure.cn/.default");
  EXPECT_EQ(e.storage_suffix, "core.chinacloudapi.cn");
}

TEST(CloudTest, UsGovEndpoints) {
  const CloudEndpoints e = ForCloud(CloudName::kUsGov);
  EXPECT_EQ(e.authority_host, "https://login.microsoftonline.us");
  EXPECT_EQ(e.resource_manager, "https://management.usgovcloudapi.net");
  EXPECT_EQ(e.arm_resource, "https://management.usgovcloudapi.net/");
  // Not the Go SDK's "https:/metrics..." typo.
  EXPECT_EQ(e.metrics_batch_scope, "https://metrics.monitor.azure.us/.default");
  EXPECT_EQ(e.log_analytics, "https://api.loganalytics.us");
  EXPECT_EQ(e.storage_suffix, "core.usgovcloudapi.net");
}

TEST(CloudTest, CustomCloudWithLocalSimulatorKeepsSchemeAndPort) {
  CustomEndpoints in;
  in.authentication_endpoint = "http://127.0.0.1:8081/";
  in.resource_manager_endpoint = "http://127.0.0.1:8080/";
  in.metrics_client_audience = "http://127.0.0.1:8082";
  const CloudEndpoints e = ForCustomCloud(in);
  EXPECT_EQ(e.authority_host, "http://127.0.0.1:8081");
  EXPECT_EQ(e.resource_manager, "http://127.0.0.1:8080");
  EXPECT_EQ(e.arm_scope, "http://127.0.0.1:8080/.default");  // no double slash
  EXPECT_EQ(e.arm_resource, "http://127.0.0.1:8080/");
  EXPECT_EQ(e.metrics_batch_host_template, "http://127.0.0.1:8082");
  EXPECT_EQ(MetricsBatchHost(e, "westeurope"), "http://127.0.0.1:8082");
  EXPECT_EQ(e.metrics_batch_scope, "http://127.0.0.1:8082/.default");
}

TEST(CloudTest, CustomCloudInsertsRegionBeforeMetrics) {
  CustomEndpoints in;
  in.resource_manager_endpoint = "https://management.contoso.example";
  in.metrics_query_audience = "https://management.core.contoso.example/";
  in.metrics_client_audience = "https://metrics.monitor.contoso.example/";
  in.storage_endpoint_suffix = ".core.contoso.example";
  in.log_analytics_endpoint = "https://api.loganalytics.contoso.example/";
  const CloudEndpoints e = ForCustomCloud(in);
  EXPECT_EQ(e.arm_scope, "https://management.core.contoso.example/.default");
  EXPECT_EQ(e.arm_resource, "https://management.core.contoso.example/");
  EXPECT_EQ(e.metrics_batch_host_template, "https://{region}.metrics.monitor.contoso.example");
  EXPECT_EQ(e.metrics_batch_scope, "https://metrics.monitor.contoso.example/.default");
  EXPECT_EQ(e.storage_suffix, "core.contoso.example");
  EXPECT_EQ(e.log_analytics, "https://api.loganalytics.contoso.example");
}

TEST(CloudTest, CustomCloudKeepsExplicitRegionTemplate) {
  CustomEndpoints in;
  in.metrics_client_audience = "http://{region}.localhost:9000";
  const CloudEndpoints e = ForCustomCloud(in);
  EXPECT_EQ(MetricsBatchHost(e, "eastus"), "http://eastus.localhost:9000");
}

TEST(CloudTest, BatchHostNormalisesRegion) {
  const CloudEndpoints e = ForCloud(CloudName::kGlobal);
  EXPECT_EQ(MetricsBatchHost(e, "West Europe"), "https://westeurope.metrics.monitor.azure.com");
  EXPECT_EQ(MetricsBatchHost(e, "global"), "https://global.metrics.monitor.azure.com");
}

TEST(CloudTest, ParseCloudName) {
  EXPECT_EQ(ParseCloudName("Global"), CloudName::kGlobal);
  EXPECT_EQ(ParseCloudName(" usgov "), CloudName::kUsGov);
  EXPECT_EQ(ParseCloudName("AzureChinaCloud"), CloudName::kChina);
  EXPECT_EQ(ParseCloudName("custom"), CloudName::kCustom);
  EXPECT_FALSE(ParseCloudName("Germany").has_value());
  EXPECT_FALSE(ParseCloudName("").has_value());
}

TEST(CloudTest, ScopeForAudience) {
  EXPECT_EQ(ScopeForAudience("https://x.example/"), "https://x.example/.default");
  EXPECT_EQ(ScopeForAudience("https://x.example"), "https://x.example/.default");
}

}  // namespace
}  // namespace mensor::azure

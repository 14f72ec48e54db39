// LogAnalytics and AutomationAccount through their C descriptors (FakeHost).
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../src/log_analytics.hpp"

namespace {

using mensor::resources::LogAnalytics;
using mensor::testing::FakeCollectRequest;
using mensor::testing::FakeHost;
using mensor::testing::FakeHttpResponse;
using mensor::testing::FakeMetric;

constexpr const char* kType = "LogAnalytics";
constexpr const char* kEntry = "workspaceId: ws-id-1\nworkspaceName: logs\n";
constexpr const char* kQuery = "AppRequests | summarize result = count() | project result";

class LogAnalyticsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }

  FakeCollectRequest Request() {
    auto described = host_.Describe(kType, kEntry);
    EXPECT_EQ(described.status, MENSOR_OK) << described.call.error_message;
    FakeCollectRequest request;
    request.query = kQuery;
    request.interval_ns = 600'000'000'000;
    request.properties = described.target.properties;
    return request;
  }

  FakeHost host_;
};

TEST_F(LogAnalyticsTest, DescribesTheWorkspace) {
  auto result = host_.Describe(kType, kEntry);
  ASSERT_EQ(result.status, MENSOR_OK);
  EXPECT_EQ(result.target.provider_path(),
            "Microsoft.OperationalInsights/workspaces/logs/Overview");
  EXPECT_EQ(result.target.instance_name(), "logs");
  EXPECT_EQ(result.target.Label("workspace_id"), "ws-id-1");
  EXPECT_EQ(result.target.Label("workspace_name"), "logs");
}

TEST_F(LogAnalyticsTest, PostsTheQueryWithATokenForTheEndpoint) {
  host_.QueueHttpResponse(FakeHttpResponse{
      200,
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"result","type":"long"}],)"
      R"("rows":[[42]]}]})",
      {}});
  auto result = host_.Collect(kType, Request());
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  ASSERT_EQ(result.collected.values.size(), 1u);
  EXPECT_EQ(result.collected.values[0].value, 42);
  const auto request = host_.http_requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://api.loganalytics.io/v1/workspaces/ws-id-1/query");
  EXPECT_EQ(request.auth_scope, "https://api.loganalytics.io/.default");
  const auto body = nlohmann::json::parse(request.body);
  EXPECT_EQ(body["query"], kQuery);
  EXPECT_EQ(body["timespan"], "PT600S");
}

TEST_F(LogAnalyticsTest, MoreThanOneRowIsAnError) {
  host_.QueueHttpResponse(FakeHttpResponse{
      200, R"({"tables":[{"columns":[{"name":"result","type":"long"}],"rows":[[1],[2]]}]})", {}});
  auto result = host_.Collect(kType, Request());
  EXPECT_EQ(result.status, MENSOR_E_CONFIG);
  EXPECT_NE(result.call.error_message.find("2 rows"), std::string::npos);
}

TEST_F(LogAnalyticsTest, NullResultIsAnUnavailableValue) {
  host_.QueueHttpResponse(FakeHttpResponse{
      200, R"({"tables":[{"columns":[{"name":"result","type":"real"}],"rows":[[null]]}]})", {}});
  auto result = host_.Collect(kType, Request());
  ASSERT_EQ(result.status, MENSOR_OK);
  EXPECT_FALSE(result.collected.values.at(0).has_value);
}

TEST_F(LogAnalyticsTest, QueryErrorsCarryTheServiceMessage) {
  host_.QueueHttpResponse(FakeHttpResponse{
      400,
      R"({"error":{"code":"BadArgumentError","message":"The request had some invalid properties"}})",
      {}});
  auto result = host_.Collect(kType, Request());
  EXPECT_EQ(result.status, MENSOR_E_CONFIG);
  EXPECT_NE(result.call.error_message.find("BadArgumentError"), std::string::npos);
}

TEST_F(LogAnalyticsTest, CloudWithoutLogAnalyticsIsUnsupported) {
  FakeCollectRequest request = Request();
  request.log_analytics_endpoint = "";
  EXPECT_EQ(host_.Collect(kType, request).status, MENSOR_E_UNSUPPORTED);
  EXPECT_TRUE(host_.http_requests().empty());
}

TEST_F(LogAnalyticsTest, AutomationRunbookOnlyWithTotalJob) {
  FakeMetric metric;
  metric.azure_metric_name = "TotalUpdateDeploymentRuns";
  auto bad = host_.Validate("AutomationAccount", "accountName: a\nrunbookName: rb\n", metric);
  EXPECT_EQ(bad.status, MENSOR_E_CONFIG);
  metric.azure_metric_name = "TotalJob";
  EXPECT_EQ(host_.Validate("AutomationAccount", "accountName: a\nrunbookName: rb\n", metric).status,
            MENSOR_OK);
  auto described = host_.Describe("AutomationAccount", "accountName: a\nrunbookName: rb\n", metric);
  EXPECT_EQ(described.target.filter(), "Runbook eq 'rb'");
  EXPECT_EQ(described.target.Label("runbook_name"), "rb");
}

TEST(LogAnalyticsTimespan, SecondsDuration) {
  EXPECT_EQ(LogAnalytics::FormatTimespan(std::chrono::minutes(5)), "PT300S");
}

}  // namespace

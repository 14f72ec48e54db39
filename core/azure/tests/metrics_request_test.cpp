#include "mensor/azure/metrics_request.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture_util.hpp"

namespace mensor::azure {
namespace {

using namespace std::chrono;

constexpr std::string_view kResource =
    "subscriptions/1f3fa6d2-851c-4a91-9087-1a050f3a9c38/resourceGroups/todking/providers/"
    "Microsoft.Storage/storageAccounts/tkfileserv/blobServices/default";

TimePoint Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi};
}

MetricsQuery BaseQuery() {
  MetricsQuery q;
  q.resource_id = std::string(kResource);
  q.metric_names = {"BlobCount", "BlobCapacity"};
  q.aggregations = {Aggregation::kAverage, Aggregation::kMinimum, Aggregation::kMaximum};
  q.interval = hours(6);
  q.start = Utc(2021, 4, 20, 9);
  q.end = Utc(2021, 4, 20, 14);
  return q;
}

TEST(MetricsRequestTest, BuildsSpecExampleUrl) {
  MetricsQuery q = BaseQuery();
  q.filter = "Tier eq '*'";
  q.top = 5;
  q.order_by = "average asc";
  q.metric_namespace = "Microsoft.Storage/storageAccounts/blobServices";
  EXPECT_EQ(BuildMetricsUrl("https://management.azure.com/", q),
            "https://management.azure.com/" + std::string(kResource) +
                "/providers/Microsoft.Insights/metrics?api-version=2023-10-01"
                "&timespan=2021-04-20T09%3A00%3A00.000Z%2F2021-04-20T14%3A00%3A00.000Z"
                "&metricnamespace=Microsoft.Storage%2FstorageAccounts%2FblobServices"
                "&metricnames=BlobCount,BlobCapacity&aggregation=average,minimum,maximum"
                "&interval=PT6H&$filter=Tier%20eq%20%27%2A%27&top=5&orderby=average%20asc");
}

TEST(MetricsRequestTest, LeadingSlashAndLocalSimulatorBase) {
  MetricsQuery q = BaseQuery();
  q.resource_id = "/" + std::string(kResource);
  const std::string url = BuildMetricsUrl("http://127.0.0.1:8080", q);
  EXPECT_TRUE(url.starts_with("http://127.0.0.1:8080/subscriptions/1f3fa6d2")) << url;
  EXPECT_EQ(url.find("//subscriptions"), std::string::npos) << url;
}

TEST(MetricsRequestTest, EncodesSpacesInMetricNames) {
  MetricsQuery q = BaseQuery();
  q.metric_names = {"Percentage CPU"};
  const std::string url = BuildMetricsUrl("https://management.azure.com", q);
  EXPECT_NE(url.find("&metricnames=Percentage%20CPU&"), std::string::npos) << url;
  EXPECT_EQ(url.find('+'), std::string::npos) << url;
}

TEST(MetricsRequestTest, CommaInsideMetricNameIsWrittenAsPercent2) {
  MetricsQuery q = BaseQuery();
  q.metric_names = {"Metric,Name1", "Other"};
  EXPECT_EQ(JoinMetricNames(q.metric_names), "Metric%2Name1,Other");
  const std::string url = BuildMetricsUrl("https://management.azure.com", q);
  // The `%2` marker is itself percent-encoded on the wire; the separator stays a comma.
  EXPECT_NE(url.find("&metricnames=Metric%252Name1,Other&"), std::string::npos) << url;
}

TEST(MetricsRequestTest, TopOnlyWithFilter) {
  MetricsQuery q = BaseQuery();
  q.top = 10;
  q.order_by = "average desc";
  std::string url = BuildMetricsUrl("https://management.azure.com", q);
  EXPECT_EQ(url.find("top="), std::string::npos) << url;
  EXPECT_EQ(url.find("orderby="), std::string::npos) << url;
  EXPECT_EQ(url.find("filter"), std::string::npos) << url;
  q.filter = "EntityName eq 'orders'";
  url = BuildMetricsUrl("https://management.azure.com", q);
  EXPECT_NE(url.find("&$filter=EntityName%20eq%20%27orders%27&top=10"), std::string::npos) << url;
}

TEST(MetricsRequestTest, FilterWithOrAndQuotesIsEncoded) {
  MetricsQuery q = BaseQuery();
  q.filter = "ApiName eq 'Get''Blob' or ApiName eq 'A&B=C'";
  const std::string url = BuildMetricsUrl("https://management.azure.com", q);
  EXPECT_NE(
      url.find("$filter=ApiName%20eq%20%27Get%27%27Blob%27%20or%20ApiName%20eq%20%27A%26B%3DC%27"),
      std::string::npos)
      << url;
}

TEST(MetricsRequestTest, NoneAggregationIsNotSent) {
  MetricsQuery q = BaseQuery();
  q.aggregations = {Aggregation::kNone};
  std::string url = BuildMetricsUrl("https://management.azure.com", q);
  EXPECT_EQ(url.find("aggregation="), std::string::npos) << url;
  q.aggregations = {Aggregation::kNone, Aggregation::kTotal, Aggregation::kTotal};
  url = BuildMetricsUrl("https://management.azure.com", q);
  EXPECT_NE(url.find("&aggregation=total&"), std::string::npos) << url;
}

TEST(MetricsRequestTest, IntervalFormatting) {
  MetricsQuery q = BaseQuery();
  q.interval = minutes(5);
  EXPECT_NE(BuildMetricsUrl("https://x", q).find("&interval=PT5M"), std::string::npos);
  q.interval = hours(24);
  EXPECT_NE(BuildMetricsUrl("https://x", q).find("&interval=P1D"), std::string::npos);
  q.interval = seconds(0);
  EXPECT_EQ(BuildMetricsUrl("https://x", q).find("interval="), std::string::npos);
}

TEST(MetricsRequestTest, MetricDefinitionsAndNamespacesUrls) {
  EXPECT_EQ(BuildMetricDefinitionsUrl("https://management.azure.com/", "/" + std::string(kResource),
                                      "Microsoft.Web/sites"),
            "https://management.azure.com/" + std::string(kResource) +
                "/providers/Microsoft.Insights/metricDefinitions?api-version=2023-10-01"
                "&metricnamespace=Microsoft.Web%2Fsites");
  EXPECT_EQ(BuildMetricDefinitionsUrl("https://m", "subscriptions/s", "", "2018-01-01"),
            "https://m/subscriptions/s/providers/Microsoft.Insights/metricDefinitions"
            "?api-version=2018-01-01");
  EXPECT_EQ(BuildMetricNamespacesUrl("https://m", "subscriptions/s"),
            "https://m/subscriptions/s/providers/microsoft.insights/metricNamespaces"
            "?api-version=2017-12-01-preview");
}

TEST(MetricsRequestTest, ResourcePathKeepsSlashesButEncodesSpaces) {
  EXPECT_EQ(BuildMetricDefinitionsUrl("https://m", "subscriptions/s/resourceGroups/my rg"),
            "https://m/subscriptions/s/resourceGroups/my%20rg/providers/Microsoft.Insights/"
            "metricDefinitions?api-version=2023-10-01");
}

TEST(MetricsRequestTest, BuildsBatchUrlLikeSpecExample) {
  BatchQuery q;
  q.subscription_id = "12345678-abcd-1234-abcd-123456789abc";
  q.metric_namespace = "Microsoft.Storage/storageAccounts";
  q.metric_names = {"Ingress", "Egress"};
  q.aggregations = {Aggregation::kAverage, Aggregation::kMinimum, Aggregation::kMaximum};
  q.interval = minutes(15);
  q.start = Utc(2023, 2, 1, 20) + milliseconds(123);
  q.end = Utc(2023, 2, 1, 23) + milliseconds(345);
  q.filter =
      "ApiName eq 'GetBlob' or ApiName eq 'GetBlobServiceProperties' and Authentication eq '*'";
  q.top = 10;
  q.order_by = "average desc";
  const std::string url = BuildBatchUrl("https://eastus.metrics.monitor.azure.com/", q);
  EXPECT_EQ(url,
            "https://eastus.metrics.monitor.azure.com/subscriptions/"
            "12345678-abcd-1234-abcd-123456789abc/metrics:getBatch?api-version=2023-10-01"
            "&metricnamespace=Microsoft.Storage%2FstorageAccounts"
            "&starttime=2023-02-01T20%3A00%3A00.123Z&endtime=2023-02-01T23%3A00%3A00.345Z"
            "&metricnames=Ingress,Egress&aggregation=average,minimum,maximum&interval=PT15M"
            "&filter=ApiName%20eq%20%27GetBlob%27%20or%20ApiName%20eq%20%27GetBlobServiceProperties"
            "%27%20and%20Authentication%20eq%20%27%2A%27&top=10&orderby=average%20desc");
  EXPECT_EQ(url.find("timespan"), std::string::npos);
  EXPECT_EQ(url.find("$filter"), std::string::npos);
}

TEST(MetricsRequestTest, BatchBodyMatchesFixtureShape) {
  const std::vector<std::string> ids = {
      "subscriptions/12345678-abcd-1234-abcd-123456789abc/resourceGroups/TestGroup/providers/"
      "Microsoft.Storage/storageAccounts/TestStorage1",
      "/subscriptions/12345678-abcd-1234-abcd-123456789abc/resourceGroups/TestGroup/providers/"
      "Microsoft.Storage/storageAccounts/TestStorage2",
      // Same as the first one in other case: dropped.
      "/SUBSCRIPTIONS/12345678-abcd-1234-abcd-123456789abc/resourcegroups/testgroup/providers/"
      "microsoft.storage/storageaccounts/teststorage1"};
  const Result<std::string> body = BuildBatchBody(ids);
  ASSERT_TRUE(body.ok()) << body.error();
  EXPECT_EQ(nlohmann::json::parse(*body),
            nlohmann::json::parse(testing::ReadFixture("metrics-batch-request.json")));
}

TEST(MetricsRequestTest, BatchBodyLimits) {
  EXPECT_FALSE(BuildBatchBody({}).ok());
  std::vector<std::string> ids;
  for (int i = 0; i < 50; ++i)
    ids.push_back("subscriptions/s/resourceGroups/g/providers/P/t/r" + std::to_string(i));
  EXPECT_TRUE(BuildBatchBody(ids).ok());
  ids.push_back("subscriptions/s/resourceGroups/g/providers/P/t/r50");
  const Result<std::string> too_many = BuildBatchBody(ids);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().find("50"), std::string::npos);
}

}  // namespace
}  // namespace mensor::azure

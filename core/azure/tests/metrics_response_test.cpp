#include "mensor/azure/metrics_response.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "fixture_util.hpp"

namespace mensor::azure {
namespace {

using namespace std::chrono;
using testing::ReadFixture;

constexpr std::string_view kStorage1 =
    "/subscriptions/12345678-abcd-1234-abcd-123456789abc/resourceGroups/TestGroup/providers/"
    "Microsoft.Storage/storageAccounts/TestStorage1";
constexpr std::string_view kStorage2 =
    "/subscriptions/12345678-abcd-1234-abcd-123456789abc/resourceGroups/TestGroup/providers/"
    "Microsoft.Storage/storageAccounts/TestStorage2";

TimePoint Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi};
}

TEST(MetricsResponseTest, ParsesListFixture) {
  const Result<MetricsResponse> r = ParseMetricsResponse(ReadFixture("metrics-list-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->interval, "PT1H");
  EXPECT_EQ(r->timespan, "2021-04-20T09:00:00Z/2021-04-20T14:00:00Z");
  EXPECT_EQ(r->namespace_, "microsoft.storage/storageaccounts/blobservices");
  EXPECT_EQ(r->region, "westus2");
  ASSERT_EQ(r->metrics.size(), 2u);
  const MetricResult& count = r->metrics[0];
  EXPECT_EQ(count.name, "BlobCount");
  EXPECT_EQ(count.unit, "Count");
  EXPECT_TRUE(count.ok());
  ASSERT_EQ(count.series.size(), 5u);
  ASSERT_EQ(count.series[0].dimensions.size(), 1u);
  EXPECT_EQ(count.series[0].dimensions[0].first, "tier");  // lower-cased by Azure
  EXPECT_EQ(count.series[0].dimensions[0].second, "Hot");
  ASSERT_EQ(count.series[0].points.size(), 5u);
  const DataPoint& last = count.series[0].points.back();
  EXPECT_EQ(last.timestamp, Utc(2021, 4, 20, 13));
  EXPECT_EQ(last.average, 7.0);
  EXPECT_EQ(last.minimum, 7.0);
  EXPECT_EQ(last.maximum, 7.0);
  EXPECT_FALSE(last.total.has_value());
  EXPECT_FALSE(last.count.has_value());
  const MetricResult* capacity = r->FindMetric("blobcapacity");
  ASSERT_NE(capacity, nullptr);
  EXPECT_EQ(capacity->series[0].points.back().average, 621492.0);
  EXPECT_EQ(r->FindMetric("Missing"), nullptr);
}

TEST(MetricsResponseTest, CountWithoutAverageIsAbsentNotZero) {
  const Result<MetricsResponse> r =
      ParseMetricsResponse(ReadFixture("metrics-list-2018-01-01-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->metrics.size(), 1u);
  EXPECT_TRUE(r->metrics[0].ok());  // no errorCode at all in 2018-01-01
  const TimeSeries& block = r->metrics[0].series[1];
  EXPECT_EQ(block.dimensions[0].first, "blobtype");
  EXPECT_EQ(block.dimensions[0].second, "BlockBlob");
  ASSERT_EQ(block.points.size(), 4u);
  EXPECT_EQ(block.points[0].count, 0.0);
  EXPECT_FALSE(block.points[0].average.has_value());
  EXPECT_EQ(block.points[3].count, 1.0);
  EXPECT_EQ(block.points[3].average, 245.0);
}

TEST(MetricsResponseTest, PerMetricErrorInside200) {
  const Result<MetricsResponse> r =
      ParseMetricsResponse(ReadFixture("metrics-list-partial-error-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->metrics.size(), 2u);
  EXPECT_FALSE(r->metrics[0].ok());
  EXPECT_EQ(r->metrics[0].error_code, "InvalidSamplingType");
  EXPECT_NE(r->metrics[0].error_message.find("Sampling type is not found"), std::string::npos);
  EXPECT_TRUE(r->metrics[0].series.empty());
  EXPECT_TRUE(r->metrics[1].ok());
  ASSERT_EQ(r->metrics[1].series.size(), 1u);
  EXPECT_TRUE(r->metrics[1].series[0].dimensions.empty());
  EXPECT_EQ(r->metrics[1].series[0].points[0].average, 0.0);
  EXPECT_EQ(r->interval, "PT4H");
}

TEST(MetricsResponseTest, MetadataResponseHasSeriesWithoutPoints) {
  const Result<MetricsResponse> r =
      ParseMetricsResponse(ReadFixture("metrics-list-metadata-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_FALSE(r->metrics.empty());
  ASSERT_FALSE(r->metrics[0].series.empty());
  EXPECT_TRUE(r->metrics[0].series[0].points.empty());
  EXPECT_FALSE(r->metrics[0].series[0].dimensions.empty());
}

TEST(MetricsResponseTest, ParsesBatchFixture) {
  const Result<BatchResponse> r = ParseBatchResponse(ReadFixture("metrics-batch-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->values.size(), 2u);
  const BatchResourceResult& first = r->values[0];
  EXPECT_EQ(first.resource_id, kStorage1);
  EXPECT_EQ(first.start_time, "2023-02-01T20:00:00.123Z");
  EXPECT_EQ(first.response.interval, "PT15M");
  ASSERT_EQ(first.response.metrics.size(), 2u);
  const TimeSeries& sas = first.response.metrics[0].series[0];
  EXPECT_EQ(sas.dimensions.size(), 2u);
  EXPECT_EQ(sas.points[0].average, 437.0);  // integer JSON number
  const TimeSeries& sparse = first.response.metrics[0].series[1];
  EXPECT_FALSE(sparse.points[0].average.has_value());  // bucket with only timeStamp
  EXPECT_TRUE(sparse.points[8].average.has_value());
}

TEST(MetricsResponseTest, BatchResultsAreMatchedByIdNotPosition) {
  const Result<BatchResponse> r = ParseBatchResponse(ReadFixture("metrics-batch-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  // Requested in the other order, in other case, without leading slash, plus a missing one.
  std::string storage2_lower(kStorage2.substr(1));
  for (char& c : storage2_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::vector<std::string> requested = {storage2_lower, "/subscriptions/x/resourceGroups/y",
                                              std::string(kStorage1)};
  const std::vector<const BatchResourceResult*> matched = MatchBatchResults(*r, requested);
  ASSERT_EQ(matched.size(), 3u);
  ASSERT_NE(matched[0], nullptr);
  EXPECT_EQ(matched[0]->resource_id, kStorage2);
  EXPECT_EQ(matched[1], nullptr);
  ASSERT_NE(matched[2], nullptr);
  EXPECT_EQ(matched[2]->resource_id, kStorage1);
  EXPECT_EQ(r->FindResource(storage2_lower), matched[0]);
}

TEST(MetricsResponseTest, FullIntervalBatchFixture) {
  const Result<BatchResponse> r =
      ParseBatchResponse(ReadFixture("metrics-batch-full-interval-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->values.size(), 3u);
  EXPECT_EQ(r->values[0].response.interval, "PT4H");
}

TEST(MetricsResponseTest, MalformedBodiesAreErrors) {
  for (const char* body :
       {"", "not json", "{", "[]", "42", "null", "{\"value\": {}}", "{\"cost\": 1}",
        "{\"value\": [1]}", "{\"value\": [{\"name\": 5}]}", "{\"value\": [{\"timeseries\": {}}]}",
        "{\"value\": [{\"timeseries\": [{\"data\": [{}]}]}]}",
        "{\"value\": [{\"timeseries\": [{\"data\": [{\"timeStamp\": \"x\"}]}]}]}",
        "{\"value\": [{\"timeseries\": [{\"data\": [{\"timeStamp\": "
        "\"2021-04-20T09:00:00Z\", \"average\": \"7\"}]}]}]}",
        "{\"value\": [{\"timeseries\": [{\"metadatavalues\": [1]}]}]}"}) {
    const Result<MetricsResponse> r = ParseMetricsResponse(body);
    EXPECT_FALSE(r.ok()) << body;
    if (!r.ok()) {
      EXPECT_FALSE(r.error().empty());
    }
  }
}

TEST(MetricsResponseTest, NullAggregateIsAbsentAndEmptyValueIsFine) {
  const Result<MetricsResponse> r = ParseMetricsResponse(
      R"({"value":[{"name":{"value":"m"},"timeseries":[{"data":[
          {"timeStamp":"2021-04-20T09:00:00Z","average":null,"total":3}]}]}]})");
  ASSERT_TRUE(r.ok()) << r.error();
  const DataPoint& p = r->metrics[0].series[0].points[0];
  EXPECT_FALSE(p.average.has_value());
  EXPECT_EQ(p.total, 3.0);
  EXPECT_TRUE(ParseMetricsResponse(R"({"value":[]})").ok());
}

TEST(MetricsResponseTest, BatchAcceptsCamelCaseResourceId) {
  const Result<BatchResponse> r =
      ParseBatchResponse(R"({"values":[{"resourceId":"/subscriptions/s/x","value":[]}]})");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->values[0].resource_id, "/subscriptions/s/x");
}

TEST(MetricsResponseTest, MalformedBatchBodiesAreErrors) {
  for (const char* body : {"", "{}", "{\"values\": 1}", "{\"values\": [{\"value\": []}]}",
                           "{\"values\": [{\"resourceid\": 3, \"value\": []}]}",
                           "{\"values\": [{\"resourceid\": \"/subscriptions/s\"}]}"}) {
    EXPECT_FALSE(ParseBatchResponse(body).ok()) << body;
  }
}

TEST(MetricsResponseTest, DeeplyNestedJsonDoesNotCrash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_FALSE(ParseMetricsResponse(deep).ok());
  EXPECT_FALSE(ParseBatchResponse("{\"values\":" + deep + "}").ok());
}

// The reader streams: each shape problem is named as precisely as the member it is about.
TEST(MetricsResponseTest, ShapeErrorsNameTheMember) {
  const std::pair<const char*, const char*> cases[] = {
      {"[]", "metrics response: response is not a JSON object"},
      {"{\"cost\": 1}", "metrics response: response has no 'value' array"},
      {"{\"value\": null}", "metrics response: response has no 'value' array"},
      {"{\"interval\": 5, \"value\": []}", "metrics response: member 'interval' is not a string"},
      {"{\"value\": [1]}", "metrics response: metric is not an object"},
      {"{\"value\": [{\"name\": 5}]}",
       "metrics response: member 'name' is neither a string nor a localizable string"},
      {"{\"value\": [{\"name\": {\"value\": 5}}]}",
       "metrics response: member 'value' is not a string"},
      {"{\"value\": [{\"timeseries\": {}}]}", "metrics response: timeseries is not an array"},
      {"{\"value\": [{\"timeseries\": [2]}]}", "metrics response: time series is not an object"},
      {"{\"value\": [{\"timeseries\": [{\"metadatavalues\": [1]}]}]}",
       "metrics response: metadata value is not an object"},
      {"{\"value\": [{\"timeseries\": [{\"data\": 1}]}]}",
       "metrics response: data is not an array"},
      {"{\"value\": [{\"timeseries\": [{\"data\": [{}]}]}]}",
       "metrics response: data point has a missing or invalid timeStamp ''"},
      {"{\"value\": [{\"timeseries\": [{\"data\": [{\"timeStamp\": \"2021-04-20T09:00:00Z\", "
       "\"count\": true}]}]}]}",
       "metrics response: data point member 'count' is not a number"},
      {"{\"value\": [] trailing", "metrics response is not valid JSON"},
  };
  for (const auto& [body, message] : cases) {
    const Result<MetricsResponse> r = ParseMetricsResponse(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error(), message) << body;
  }
  const Result<BatchResponse> batch =
      ParseBatchResponse(R"({"values":[{"resourceid":"/s/a","value":[{"unit":[]}]}]})");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error(), "batch response: member 'unit' is not a string");
  EXPECT_EQ(ParseBatchResponse(R"({"values":[{"value":[]}]})").error(),
            "batch response item has no resourceid");
  EXPECT_EQ(ParseBatchResponse(R"({"values":{}})").error(),
            "batch response has no 'values' array");
}

// Members the agent does not read are skipped whatever their shape, and nested members with
// familiar names (a "value" inside "cost", "data" inside an unknown object) are not mistaken
// for the real ones.
TEST(MetricsResponseTest, UnknownMembersOfAnyShapeAreSkipped) {
  const Result<BatchResponse> r = ParseBatchResponse(R"({
    "extra": {"values": 1, "deep": [[{"value": "x"}], {"data": null}]},
    "values": [{
      "resourceid": "/subscriptions/s/r",
      "cost": {"value": 7, "list": [1, 2, {"timeseries": 3}]},
      "value": [{
        "name": {"value": "Percentage CPU", "localizedValue": {"odd": ["shape"]}},
        "displayDescription": null, "type": "Microsoft.Insights/metrics", "flags": [true, false],
        "timeseries": [{
          "metadatavalues": [{"name": {"value": "tier"}, "value": "hot", "note": {"x": []}}],
          "data": [{"timeStamp": "2021-04-20T09:00:00Z", "average": 1.5, "unknown": {"a": [1]},
                    "total": -2, "count": 18446744073709551615}]
        }]
      }]
    }],
    "trailer": [{"values": []}]
  })");
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->values.size(), 1u);
  const MetricsResponse& response = r->values[0].response;
  ASSERT_EQ(response.metrics.size(), 1u);
  EXPECT_EQ(response.metrics[0].name, "Percentage CPU");
  const TimeSeries& series = response.metrics[0].series.at(0);
  EXPECT_EQ(series.dimensions,
            (std::vector<std::pair<std::string, std::string>>{{"tier", "hot"}}));
  ASSERT_EQ(series.points.size(), 1u);
  EXPECT_EQ(series.points[0].average, 1.5);
  EXPECT_EQ(series.points[0].total, -2.0);
  EXPECT_EQ(series.points[0].count, 18446744073709551615.0);
  EXPECT_FALSE(series.points[0].maximum.has_value());
}

}  // namespace
}  // namespace mensor::azure

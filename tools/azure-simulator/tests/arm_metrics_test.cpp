// The ARM metrics endpoints driven through Simulator::Handle with a valid token.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::sim {
namespace {

using testing::FixedNow;
using testing::kNamespaceId;

constexpr const char* kSpan = "timespan=2026-11-28T12:00:00Z/2026-11-28T12:35:00Z";

class ArmMetricsTest : public ::testing::Test {
 protected:
  void Use(SimulatorOptions options) { sim_ = testing::MakeSimulator(now_, std::move(options)); }

  SimResponse Call(const std::string& operation, const std::string& query) {
    return sim_->Handle(testing::Get(
        std::string(kNamespaceId) + "/providers/Microsoft.Insights/" + operation + "?" + query,
        testing::ArmToken(*sim_)));
  }
  SimResponse Metrics(const std::string& query) {
    return Call("metrics", "api-version=2018-01-01&" + query);
  }

  std::shared_ptr<TimePoint> now_ = std::make_shared<TimePoint>(FixedNow());
  std::unique_ptr<Simulator> sim_ = testing::MakeSimulator(now_);
};

TEST_F(ArmMetricsTest, ResponseHasTheDocumentedShape) {
  const auto response =
      Metrics(std::string(kSpan) + "&metricnames=ActiveMessages&aggregation=Average&interval=PT5M");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.headers.Get("Content-Type"), "application/json; charset=utf-8");
  const auto body = response.JsonBody();
  EXPECT_TRUE(body["cost"].is_number_integer());
  EXPECT_EQ(body["timespan"], "2026-11-28T12:00:00Z/2026-11-28T12:35:00Z");
  EXPECT_EQ(body["interval"], "PT5M");
  EXPECT_EQ(body["namespace"], "microsoft.servicebus/namespaces");
  EXPECT_EQ(body["resourceregion"], "westeurope");
  ASSERT_EQ(body["value"].size(), 1u);
  const auto& metric = body["value"][0];
  EXPECT_EQ(metric["id"],
            std::string(kNamespaceId) + "/providers/Microsoft.Insights/metrics/ActiveMessages");
  EXPECT_EQ(metric["type"], "Microsoft.Insights/metrics");
  EXPECT_EQ(metric["name"]["value"], "ActiveMessages");
  EXPECT_TRUE(metric["name"]["localizedValue"].is_string());
  EXPECT_TRUE(metric["displayDescription"].is_string());
  EXPECT_EQ(metric["unit"], "Count");
  EXPECT_EQ(metric["errorCode"], "Success");
  ASSERT_EQ(metric["timeseries"].size(), 1u);
  EXPECT_EQ(metric["timeseries"][0]["metadatavalues"], nlohmann::json::array());
}

TEST_F(ArmMetricsTest, NewestBucketIsStillFillingAndCarriesOnlyTimeStamp) {
  const auto body = Metrics(std::string(kSpan) +
                            "&metricnames=ActiveMessages&aggregation=Average,Maximum&interval=PT5M")
                        .JsonBody();
  const auto& data = body["value"][0]["timeseries"][0]["data"];
  ASSERT_EQ(data.size(), 7u);
  for (size_t i = 0; i + 1 < data.size(); ++i) {
    EXPECT_TRUE(data[i].contains("average")) << data[i];
    EXPECT_TRUE(data[i].contains("maximum")) << data[i];
    EXPECT_FALSE(data[i].contains("minimum")) << "only requested aggregations appear";
    EXPECT_FALSE(data[i].contains("total"));
  }
  EXPECT_EQ(data[0]["timeStamp"], "2026-11-28T12:00:00Z");
  EXPECT_EQ(data[6], (nlohmann::json{{"timeStamp", "2026-11-28T12:30:00Z"}}));

  // Once time moves past the bucket it is complete.
  *now_ += std::chrono::minutes(1);
  const auto later =
      Metrics(std::string(kSpan) + "&metricnames=ActiveMessages&interval=PT5M").JsonBody();
  EXPECT_TRUE(later["value"][0]["timeseries"][0]["data"][6].contains("average"));
}

TEST_F(ArmMetricsTest, FractionalTimespanIsEchoedInWholeSeconds) {
  const auto body =
      Metrics("timespan=2026-11-28T12:00:00.1234567Z/2026-11-28T12:30:00.000Z&metricnames=Size")
          .JsonBody();
  EXPECT_EQ(body["timespan"], "2026-11-28T12:00:00Z/2026-11-28T12:30:00Z");
  EXPECT_EQ(body["interval"], "PT1M");
  EXPECT_EQ(body["value"][0]["unit"], "Bytes");
  EXPECT_TRUE(body["value"][0]["timeseries"][0]["data"][0].contains("average"));  // Primary.
}

TEST_F(ArmMetricsTest, EntityFilterSelectsOneSeries) {
  const auto body =
      Metrics(std::string(kSpan) + "&metricnames=ActiveMessages&$filter=EntityName eq 'orders'")
          .JsonBody();
  const auto& series = body["value"][0]["timeseries"];
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(
      series[0]["metadatavalues"],
      nlohmann::json::parse(
          R"([{"name":{"value":"entityname","localizedValue":"entityname"},"value":"orders"}])"));
}

TEST_F(ArmMetricsTest, WildcardGivesOneSeriesPerEntityAndTopCapsIt) {
  auto body = Metrics(std::string(kSpan) + "&metricnames=ActiveMessages&$filter=EntityName eq '*'")
                  .JsonBody();
  std::vector<std::string> names;
  for (const auto& series : body["value"][0]["timeseries"]) {
    names.push_back(series["metadatavalues"][0]["value"]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"demo_queue", "orders", "invoices", "events"}));
  body = Metrics(std::string(kSpan) + "&metricnames=ActiveMessages&$filter=EntityName eq '*'&top=2")
             .JsonBody();
  EXPECT_EQ(body["value"][0]["timeseries"].size(), 2u);
}

TEST_F(ArmMetricsTest, UnknownEntityGivesEmptyTimeseries) {
  const auto response =
      Metrics(std::string(kSpan) + "&metricnames=ActiveMessages&$filter=EntityName eq 'ghost'");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.JsonBody()["value"][0]["timeseries"], nlohmann::json::array());
}

TEST_F(ArmMetricsTest, WorldFileFixesValues) {
  SimulatorOptions options;
  options.world =
      World::FromJson(nlohmann::json::parse(R"({"resources":[{"id":")" + std::string(kNamespaceId) +
                                            R"(","location":"northeurope",
      "entities":{"demo_queue":{"ActiveMessages":42},"other":{}},"metrics":{"ConnectionsActive":7}}]})"),
                      0);
  Use(std::move(options));
  auto body = Metrics(std::string(kSpan) +
                      "&metricnames=ActiveMessages&aggregation=Average,Minimum,Maximum,Total,Count"
                      "&interval=PT5M&$filter=EntityName eq 'demo_queue'")
                  .JsonBody();
  EXPECT_EQ(body["resourceregion"], "northeurope");
  EXPECT_EQ(body["value"][0]["timeseries"][0]["data"][0],
            nlohmann::json::parse(R"({"timeStamp":"2026-11-28T12:00:00Z","average":42.0,
              "minimum":42.0,"maximum":42.0,"total":210.0,"count":5.0})"));
  body = Metrics(std::string(kSpan) + "&metricnames=ActiveMessages&$filter=EntityName eq '*'")
             .JsonBody();
  EXPECT_EQ(body["value"][0]["timeseries"].size(), 2u);
  body = Metrics(std::string(kSpan) + "&metricnames=ConnectionsActive&interval=PT5M").JsonBody();
  EXPECT_EQ(body["value"][0]["timeseries"][0]["data"][0]["total"], 35.0);

  // A closed world: undeclared namespaces do not exist.
  const auto missing = sim_->Handle(testing::Get(
      "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/other"
      "/providers/Microsoft.Insights/metrics?api-version=2018-01-01&metricnames=ActiveMessages",
      testing::ArmToken(*sim_)));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.JsonBody()["error"]["code"], "ResourceNotFound");
}

TEST_F(ArmMetricsTest, DataIsDeterministicAndSeeded) {
  const std::string query = std::string(kSpan) + "&metricnames=IncomingMessages&interval=PT5M";
  const auto first = Metrics(query).JsonBody()["value"];
  EXPECT_EQ(Metrics(query).JsonBody()["value"], first);
  SimulatorOptions options;
  options.seed = 99;
  Use(std::move(options));
  EXPECT_NE(Metrics(query).JsonBody()["value"], first);
}

TEST_F(ArmMetricsTest, FullIntervalIsOnePointOverTheWholeSpan) {
  const auto body = Metrics(
                        "timespan=2026-11-28T08:00:00Z/2026-11-28T12:00:00Z"
                        "&metricnames=IncomingMessages&interval=FULL")
                        .JsonBody();
  EXPECT_EQ(body["interval"], "PT4H");
  const auto& data = body["value"][0]["timeseries"][0]["data"];
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0]["timeStamp"], "2026-11-28T08:00:00Z");
  EXPECT_TRUE(data[0].contains("total"));
}

TEST_F(ArmMetricsTest, AutoAdjustTimegrainSnapsToNearestGrain) {
  const auto response = Metrics(
      std::string(kSpan) + "&metricnames=ActiveMessages&interval=PT4M&AutoAdjustTimegrain=true");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.JsonBody()["interval"], "PT5M");
}

TEST_F(ArmMetricsTest, ProviderSegmentIsCaseInsensitive) {
  const auto response = sim_->Handle(testing::Get(
      std::string(kNamespaceId) +
          "/PROVIDERS/microsoft.insights/METRICS?api-version=2023-10-01&metricnames=activemessages",
      testing::ArmToken(*sim_)));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.JsonBody()["value"][0]["name"]["value"], "ActiveMessages");
}

TEST_F(ArmMetricsTest, MetricDefinitionsListEveryMetric) {
  const auto response = Call("metricDefinitions", "api-version=2018-01-01");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto value = response.JsonBody()["value"];
  ASSERT_EQ(value.size(), 13u);
  const auto& active = value[0];
  EXPECT_EQ(active["name"]["value"], "ActiveMessages");
  EXPECT_EQ(active["namespace"], "Microsoft.ServiceBus/namespaces");
  EXPECT_EQ(active["resourceId"], kNamespaceId);
  EXPECT_EQ(active["primaryAggregationType"], "Average");
  EXPECT_EQ(active["metricAvailabilities"].size(), 8u);
  EXPECT_EQ(active["metricAvailabilities"][0],
            (nlohmann::json{{"timeGrain", "PT1M"}, {"retention", "P93D"}}));
  EXPECT_EQ(active["dimensions"][0]["value"], "EntityName");
  EXPECT_FALSE(value[12].contains("dimensions"));  // ConnectionsActive is namespace-wide.
}

TEST_F(ArmMetricsTest, MetricNamespacesAcceptThePreviewApiVersion) {
  const auto response = Call("metricNamespaces", "api-version=2017-12-01-preview");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto item = response.JsonBody()["value"][0];
  EXPECT_EQ(item["properties"]["metricNamespaceName"], "Microsoft.ServiceBus/namespaces");
  EXPECT_EQ(item["classification"], "Platform");
  EXPECT_EQ(item["type"], "Microsoft.Insights/metricNamespaces");
  EXPECT_EQ(Call("metricDefinitions", "api-version=2017-12-01-preview").status, 400);
}

struct BadQuery {
  const char* query;
  const char* message_fragment;
};

class ArmMetricsValidation : public ArmMetricsTest,
                             public ::testing::WithParamInterface<BadQuery> {};

TEST_P(ArmMetricsValidation, FlatBadRequest) {
  const auto response = Metrics(std::string(kSpan) + "&" + GetParam().query);
  EXPECT_EQ(response.status, 400) << response.body;
  const auto body = response.JsonBody();
  ASSERT_EQ(body.size(), 2u) << body;
  EXPECT_EQ(body["code"], "BadRequest");
  EXPECT_NE(body["message"].get<std::string>().find(GetParam().message_fragment), std::string::npos)
      << body["message"];
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ArmMetricsValidation,
    ::testing::Values(
        BadQuery{"aggregation=Average", "'metricnames' is missing"},
        BadQuery{"metricnames=ActiveMessages,Bogus",
                 "metric: Bogus, Valid metrics: ActiveMessages"},
        BadQuery{"metricnames=Active%252Messages", "metric: Active,Messages"},
        BadQuery{"metricnames=ActiveMessages&aggregation=median", "Invalid aggregation type"},
        BadQuery{"metricnames=Size&aggregation=total", "does not support requested aggregation"},
        BadQuery{"metricnames=ActiveMessages&interval=PT7X", "Invalid interval"},
        BadQuery{"metricnames=ActiveMessages&interval=PT2M", "Invalid time grain"},
        BadQuery{"metricnames=ActiveMessages&$filter=EntityName eq orders", "single quotes"},
        BadQuery{"metricnames=ActiveMessages&$filter=EntityName eq 'a' or Other eq 'b'",
                 "same dimension"},
        BadQuery{"metricnames=ActiveMessages&$filter=Queue eq 'a'",
                 "does not support requested dimension combination: queue"},
        BadQuery{"metricnames=ConnectionsActive&$filter=EntityName eq '*'",
                 "Metric: ConnectionsActive does not support"},
        BadQuery{"metricnames=ActiveMessages&top=0", "positive integer"},
        BadQuery{"metricnames=ActiveMessages&top=ten", "positive integer"},
        BadQuery{"metricnames=ActiveMessages&orderby=sideways", "Invalid orderby"},
        BadQuery{"metricnames=ActiveMessages&resultType=Everything", "resultType"},
        BadQuery{"metricnames=ActiveMessages&metricnamespace=Microsoft.Storage/storageAccounts",
                 "Metric namespace"},
        BadQuery{"metricnames=ActiveMessages&AutoAdjustTimegrain=maybe", "true or false"}));

TEST_F(ArmMetricsTest, TimespanValidation) {
  for (const char* span : {"2026-11-28T13:00:00Z/2026-11-28T12:00:00Z", "yesterday",
                           "2026-01-01T00:00:00Z/2026-01-02T00:00:00Z"}) {
    const auto response = Metrics(std::string("timespan=") + span + "&metricnames=ActiveMessages");
    EXPECT_EQ(response.status, 400) << span;
    EXPECT_EQ(response.JsonBody()["code"], "BadRequest") << span;
  }
}

TEST_F(ArmMetricsTest, ValidateDimensionsFalseIgnoresUnknownDimensions) {
  const auto response = Call("metrics", "api-version=2021-05-01&" + std::string(kSpan) +
                                            "&metricnames=ActiveMessages&ValidateDimensions=false"
                                            "&$filter=Queue eq 'a' and EntityName eq 'orders'");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.JsonBody()["value"][0]["timeseries"].size(), 1u);
}

TEST_F(ArmMetricsTest, ApiVersionErrorsAreWrapped) {
  auto response = Call("metrics", std::string(kSpan) + "&metricnames=ActiveMessages");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.JsonBody()["error"]["code"], "MissingApiVersionParameter");
  response = Call("metrics", "api-version=2099-01-01&metricnames=ActiveMessages");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.JsonBody()["error"]["code"], "InvalidApiVersionParameter");
  for (const char* version :
       {"2018-01-01", "2019-07-01", "2021-05-01", "2023-10-01", "2024-02-01"}) {
    EXPECT_EQ(Call("metrics", std::string("api-version=") + version + "&metricnames=Size").status,
              200)
        << version;
  }
}

TEST_F(ArmMetricsTest, UnknownResourceTypeIs404Wrapped) {
  const auto response = sim_->Handle(
      testing::Get("/subscriptions/s/resourceGroups/r/providers/Microsoft.Foo/bars/x/providers/"
                   "Microsoft.Insights/metrics?api-version=2018-01-01&metricnames=A",
                   testing::ArmToken(*sim_)));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.JsonBody()["error"]["code"], "ResourceTypeNotSupported");
}

TEST_F(ArmMetricsTest, MetadataResultTypeOmitsData) {
  const auto body =
      Metrics(std::string(kSpan) +
              "&metricnames=ActiveMessages&resultType=Metadata&$filter=EntityName eq '*'")
          .JsonBody();
  const auto& series = body["value"][0]["timeseries"];
  ASSERT_EQ(series.size(), 4u);
  EXPECT_FALSE(series[0].contains("data"));
}

}  // namespace
}  // namespace mensor::sim

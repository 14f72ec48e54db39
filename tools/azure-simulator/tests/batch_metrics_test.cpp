// getBatch, the ARM resource GET, the generated estate and the data plane's 529.
#include "batch_metrics.hpp"

#include <gtest/gtest.h>

#include "iso8601.hpp"
#include "test_support.hpp"

namespace mensor::sim {
namespace {

using testing::FixedNow;

std::string Id(int n) {
  return "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-" +
         std::to_string(n);
}

World TwoRegions() {
  return World::FromJson(nlohmann::json::parse(R"({"resources": [
    {"id": ")" + Id(1) + R"(", "location": "westeurope", "entities": {"q": {"ActiveMessages": 5}}},
    {"id": ")" + Id(2) + R"(", "location": "northeurope", "entities": {"q": {"ActiveMessages": 9}}}
  ]})"),
                         0);
}

class BatchTest : public ::testing::Test {
 protected:
  SimResponse Batch(const std::string& region, const std::string& query, const std::string& body,
                    const std::string& audience = "https://metrics.monitor.azure.com/") {
    FieldList headers;
    headers.Add("Authorization", "Bearer " + testing::ArmToken(*sim_, audience));
    headers.Add("Content-Type", "application/json");
    return sim_->Handle(SimRequest::Make(
        "POST", "/" + region + "/subscriptions/sub-1/metrics:getBatch?" + query, headers, body));
  }
  std::string Query() const {
    return "api-version=2023-10-01&metricnamespace=Microsoft.ServiceBus/namespaces"
           "&metricnames=ActiveMessages&aggregation=total&interval=PT1M&starttime=" +
           FormatIsoTimestamp(FixedNow() - std::chrono::minutes(5)) +
           "&endtime=" + FormatIsoTimestamp(FixedNow()) + "&filter=EntityName%20eq%20%27q%27";
  }

  std::shared_ptr<TimePoint> now_ = std::make_shared<TimePoint>(FixedNow());
  std::unique_ptr<Simulator> sim_ = [this] {
    SimulatorOptions options;
    options.world = TwoRegions();
    options.batch_budget = 8;
    return testing::MakeSimulator(now_, std::move(options));
  }();
};

TEST_F(BatchTest, AnswersEveryIdAndIdsOfAnotherRegionComeBackEmpty) {
  const auto response =
      Batch("westeurope", Query(), R"({"resourceids":[")" + Id(1) + R"(",")" + Id(2) + R"("]})");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto values = response.JsonBody()["values"];
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0]["resourceid"], Id(1));
  EXPECT_EQ(values[0]["resourceregion"], "westeurope");
  const auto& series = values[0]["value"][0]["timeseries"];
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0]["data"][0]["total"], 5);
  EXPECT_EQ(values[1]["resourceid"], Id(2));
  EXPECT_TRUE(values[1]["value"][0]["timeseries"].empty());
}

TEST_F(BatchTest, RejectsTimespanTooManyIdsArmTokensAndForeignTypes) {
  auto response =
      Batch("westeurope", Query() + "&timespan=PT5M", R"({"resourceids":[")" + Id(1) + R"("]})");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.headers.Get("x-ms-error-code"), "BadRequest");
  EXPECT_NE(response.body.find("starttime and endtime"), std::string::npos) << response.body;

  nlohmann::json ids = nlohmann::json::array();
  for (int i = 0; i < 51; ++i) ids.push_back(Id(1000 + i));
  response = Batch("westeurope", Query(), nlohmann::json{{"resourceids", ids}}.dump());
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("at most 50"), std::string::npos) << response.body;

  response = Batch("westeurope", Query(), R"({"resourceids":[")" + Id(1) + R"("]})",
                   "https://management.azure.com/");
  EXPECT_EQ(response.status, 401);

  response = Batch("westeurope", Query(), R"({"resourceIds":[")" + Id(1) + R"("]})");
  EXPECT_EQ(response.status, 400) << "the key is exactly 'resourceids'";

  response = Batch(
      "westeurope", Query(),
      R"({"resourceids":["/subscriptions/sub-2/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/x"]})");
  EXPECT_EQ(response.status, 400) << "another subscription than the path's";
}

TEST_F(BatchTest, ThrottlesWith529AndRetryAfterWhenTheBudgetIsSpent) {
  const std::string body = R"({"resourceids":[")" + Id(1) + R"("]})";
  // The budget (8 per hour) holds: the ninth call is throttled.
  for (int i = 0; i < 8; ++i) ASSERT_EQ(Batch("westeurope", Query(), body).status, 200);
  const auto response = Batch("westeurope", Query(), body);
  EXPECT_EQ(response.status, 529);
  EXPECT_TRUE(response.headers.Get("Retry-After"));
}

TEST_F(BatchTest, ResourceGetTellsTheLocation) {
  auto response =
      sim_->Handle(testing::Get(Id(2) + "?api-version=2021-04-01", testing::ArmToken(*sim_)));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.JsonBody()["location"], "northeurope");
  EXPECT_TRUE(response.headers.Get("x-ms-ratelimit-remaining-subscription-reads"));
  response =
      sim_->Handle(testing::Get(Id(3) + "?api-version=2021-04-01", testing::ArmToken(*sim_)));
  EXPECT_EQ(response.status, 404);
  response = sim_->Handle(testing::Get(Id(2), testing::ArmToken(*sim_)));
  EXPECT_EQ(response.status, 400) << "api-version is required";
}

TEST(Estate, GeneratedFromTheSeedAcrossRegions) {
  const World a = World::Generate(7, 10'000, {"westeurope", "northeurope", "eastus"});
  const World b = World::Generate(7, 10'000, {"westeurope", "northeurope", "eastus"});
  ASSERT_EQ(a.resources().size(), 10'000u);
  std::map<std::string, int> per_region;
  for (size_t i = 0; i < a.resources().size(); ++i) {
    EXPECT_EQ(a.resources()[i].location, b.resources()[i].location);
    ++per_region[a.resources()[i].location];
  }
  EXPECT_EQ(per_region.size(), 3u);
  for (const auto& [region, count] : per_region) EXPECT_GT(count, 3000) << region;
  const ResourceType* type = FindResourceType("Microsoft.ServiceBus/namespaces");
  ASSERT_NE(type, nullptr);
  EXPECT_TRUE(a.Find(a.resources()[9'999].id, *type));
  EXPECT_FALSE(a.Find(a.resources()[0].id + "x", *type)) << "a generated estate is closed";
}

}  // namespace
}  // namespace mensor::sim

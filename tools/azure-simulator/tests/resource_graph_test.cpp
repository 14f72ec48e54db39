// Resource Graph: the query subset, paging, the per-user quota, scopes and errors.
#include <gtest/gtest.h>

#include <set>

#include "graph_query.hpp"
#include "simulator.hpp"
#include "test_support.hpp"

namespace mensor::sim {
namespace {

using testing::FixedNow;

constexpr const char* kGraphPath =
    "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01";

std::string Namespace(const std::string& subscription, int n) {
  return "/subscriptions/" + subscription +
         "/resourceGroups/RG-1/providers/Microsoft.ServiceBus/namespaces/ns-" + std::to_string(n);
}

// Five namespaces in sub-1 (ns-1 in North Europe), two in sub-2, one App Service plan in sub-1.
World Estate() {
  nlohmann::json resources = nlohmann::json::array();
  for (int n = 1; n <= 5; ++n) {
    resources.push_back(
        {{"id", Namespace("sub-1", n)}, {"location", n == 1 ? "North Europe" : "westeurope"}});
  }
  for (int n = 6; n <= 7; ++n) resources.push_back({{"id", Namespace("sub-2", n)}});
  resources.push_back(
      {{"id", "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Web/serverfarms/plan"},
       {"location", "eastus"}});
  return World::FromJson({{"resources", resources}}, 0);
}

class ResourceGraphTest : public ::testing::Test {
 protected:
  SimResponse Query(const nlohmann::json& body, const std::string& target = kGraphPath,
                    const std::optional<std::string>& token = std::nullopt) {
    FieldList headers;
    headers.Add("Authorization", "Bearer " + token.value_or(testing::ArmToken(*sim_)));
    headers.Add("Content-Type", "application/json");
    return sim_->Handle(SimRequest::Make("POST", target, headers, body.dump()));
  }
  static nlohmann::json Body(const std::string& query,
                             const std::vector<std::string>& subscriptions = {"sub-1"},
                             nlohmann::json options = nlohmann::json::object()) {
    nlohmann::json body = {{"query", query}, {"options", std::move(options)}};
    if (!subscriptions.empty()) body["subscriptions"] = subscriptions;
    return body;
  }
  int64_t Count(const std::string& counter) {
    const auto counts =
        sim_->Handle(SimRequest::Make("GET", "/_sim/requests")).JsonBody()["counts"];
    return counts.value(counter, int64_t{0});
  }

  std::shared_ptr<TimePoint> now_ = std::make_shared<TimePoint>(FixedNow());
  std::unique_ptr<Simulator> sim_ = testing::MakeSimulator(now_, [] {
    SimulatorOptions options;
    options.world = Estate();
    return options;
  }());
};

const std::string kRegions =
    "Resources | where type =~ 'Microsoft.ServiceBus/namespaces' | project id, location";

TEST_F(ResourceGraphTest, ListsTheTypeInTheSubscriptionWithProgrammaticRegions) {
  const auto response = Query(Body(kRegions));
  ASSERT_EQ(response.status, 200) << response.body;
  // Azure's key order, and no skip token on the last page.
  EXPECT_EQ(response.body.rfind(
                R"({"totalRecords":5,"count":5,"resultTruncated":"false","facets":[],"data":[)", 0),
            0u)
      << response.body;
  const auto body = response.JsonBody();
  ASSERT_EQ(body["data"].size(), 5u);
  EXPECT_EQ(body["data"][0],
            nlohmann::json({{"id", Namespace("sub-1", 1)}, {"location", "northeurope"}}));
  EXPECT_EQ(Count("resource_graph"), 1);
  EXPECT_EQ(Count("resource"), 0);
}

TEST_F(ResourceGraphTest, PagesFollowTheSkipTokenAndCoverEveryRowOnce) {
  std::set<std::string> ids;
  std::optional<std::string> token;
  std::vector<size_t> counts;
  do {
    nlohmann::json options = {{"$top", 2}, {"resultFormat", "objectArray"}};
    if (token) options["$skipToken"] = *token;
    const auto response = Query(Body(kRegions, {"sub-1"}, options));
    ASSERT_EQ(response.status, 200) << response.body;
    const auto body = response.JsonBody();
    EXPECT_EQ(body["totalRecords"], 5);
    EXPECT_EQ(body["count"], body["data"].size());
    counts.push_back(body["data"].size());
    for (const auto& row : body["data"]) ids.insert(row["id"].get<std::string>());
    token = body.contains("$skipToken") ? std::optional(body["$skipToken"].get<std::string>())
                                        : std::nullopt;
  } while (token && counts.size() < 10);
  EXPECT_EQ(counts, (std::vector<size_t>{2, 2, 1}));
  EXPECT_EQ(ids.size(), 5u);
}

TEST_F(ResourceGraphTest, SkipTokenOfAnotherQueryAndBadOptionsAreRefused) {
  const auto first = Query(Body(kRegions, {"sub-1"}, {{"$top", 2}})).JsonBody();
  const std::string token = first["$skipToken"];
  EXPECT_EQ(Query(Body(kRegions, {"sub-2"}, {{"$skipToken", token}})).status, 400);
  EXPECT_EQ(Query(Body(kRegions, {"sub-1"}, {{"$skipToken", "garbage"}})).status, 400);
  EXPECT_EQ(Query(Body(kRegions, {"sub-1"}, {{"$top", 0}})).status, 400);
  EXPECT_EQ(Query(Body(kRegions, {"sub-1"}, {{"$top", 1001}})).status, 400);
  EXPECT_EQ(Query(Body(kRegions, {"sub-1"}, {{"$top", "10"}})).status, 400);
  EXPECT_EQ(Query(Body(kRegions, {"sub-1"}, {{"resultFormat", "csv"}})).status, 400);
  EXPECT_EQ(Query(nlohmann::json{{"subscriptions", {"sub-1"}}}).status, 400) << "no query";
  EXPECT_EQ(Query(Body(kRegions, {"sub-1"}, {{"$top", 1000}})).status, 200);
}

TEST_F(ResourceGraphTest, TypeIsFilteredAndComesBackLowerCased) {
  const auto plans =
      Query(Body("resources|where type=~'microsoft.web/SERVERFARMS'|project type, name,"
                 "resourceGroup, subscriptionId"))
          .JsonBody();
  ASSERT_EQ(plans["data"].size(), 1u) << plans;
  EXPECT_EQ(plans["data"][0], nlohmann::json({{"type", "microsoft.web/serverfarms"},
                                              {"name", "plan"},
                                              {"resourceGroup", "rg-1"},
                                              {"subscriptionId", "sub-1"}}));
  // `==` is exact, and Resource Graph stores types lower-cased.
  EXPECT_EQ(Query(Body("Resources | where type == 'Microsoft.Web/serverfarms' | project id"))
                .JsonBody()["count"],
            0);
  EXPECT_EQ(Query(Body("RESOURCES\n| WHERE type == 'microsoft.web/serverfarms'\n| Project id"))
                .JsonBody()["count"],
            1);
}

TEST_F(ResourceGraphTest, SubscriptionsLimitTheScope) {
  EXPECT_EQ(Query(Body(kRegions, {"SUB-2"})).JsonBody()["count"], 2);
  EXPECT_EQ(Query(Body(kRegions, {"sub-1", "sub-2"})).JsonBody()["count"], 7);
  EXPECT_EQ(Query(Body(kRegions, {"sub-3"})).JsonBody()["count"], 0);
  EXPECT_EQ(Query(Body(kRegions, {})).JsonBody()["count"], 7) << "tenant scope";
}

TEST_F(ResourceGraphTest, DeletedResourcesAreNotListed) {
  ASSERT_EQ(sim_->Handle(SimRequest::Make("POST", "/_sim/resources/delete", {},
                                          nlohmann::json{{"id", Namespace("sub-1", 3)}}.dump()))
                .status,
            200);
  const auto body = Query(Body(kRegions)).JsonBody();
  EXPECT_EQ(body["count"], 4);
  for (const auto& row : body["data"]) EXPECT_NE(row["id"], Namespace("sub-1", 3));
}

TEST_F(ResourceGraphTest, QueryOutsideTheSubsetIsAParserFailureWithItsPosition) {
  const std::string text = "Resources | where type =~ 'x' | limit 3";
  const auto response = Query(Body(text));
  ASSERT_EQ(response.status, 400);
  const auto error = response.JsonBody()["error"];
  EXPECT_EQ(error["code"], "BadRequest");
  ASSERT_EQ(error["details"].size(), 2u);
  EXPECT_EQ(error["details"][0]["code"], "InvalidQuery");
  EXPECT_EQ(error["details"][0]["message"].get<std::string>().rfind("Query is invalid.", 0), 0u);
  const auto failure = error["details"][1];
  EXPECT_EQ(failure["code"], "ParserFailure");
  EXPECT_EQ(failure["line"], 1);
  EXPECT_EQ(failure["characterPositionInLine"], text.find("limit"));
  EXPECT_EQ(failure["token"], "limit");

  const auto on_line_two = Query(Body("Resources\n| where name contains 'x'")).JsonBody();
  EXPECT_EQ(on_line_two["error"]["details"][1]["line"], 2);
  EXPECT_EQ(on_line_two["error"]["details"][1]["characterPositionInLine"], 8);
  EXPECT_EQ(Query(Body("Resources | where type =~ 'x' | project id,"))
                .JsonBody()["error"]["details"][1]["token"],
            "<EOF>");
  EXPECT_EQ(Query(Body("Resources | where type =~ 'x' | project tags")).status, 400);
  EXPECT_EQ(Query(Body("Resources | where type =~ 'x | project id")).status, 400);
  EXPECT_EQ(Count("bad_request"), 5);
}

TEST_F(ResourceGraphTest, QuotaOfFifteenQueriesPerFiveSecondsPerCaller) {
  for (int i = 0; i < 15; ++i) {
    const auto response = Query(Body(kRegions));
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.headers.Get("x-ms-user-quota-remaining"), std::to_string(14 - i));
    EXPECT_EQ(response.headers.Get("x-ms-user-quota-resets-after"), "00:00:05");
  }
  *now_ += std::chrono::seconds(2);
  const auto throttled = Query(Body(kRegions));
  ASSERT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_EQ(throttled.headers.Get("Retry-After"), "3");
  EXPECT_EQ(throttled.headers.Get("x-ms-user-quota-remaining"), "0");
  EXPECT_EQ(throttled.headers.Get("x-ms-user-quota-resets-after"), "00:00:03");
  EXPECT_EQ(throttled.JsonBody()["error"]["code"], "RateLimiting");
  EXPECT_EQ(Count("throttled"), 1);
  // Another caller has a quota of its own; the first one's comes back with the window.
  const std::string other = sim_->issuer().Issue({std::string(kSimTenantId), "app-2", "object-2"},
                                                 "https://management.azure.com/", sim_->Now());
  EXPECT_EQ(Query(Body(kRegions), kGraphPath, other).status, 200);
  *now_ += std::chrono::seconds(3);
  EXPECT_EQ(Query(Body(kRegions)).status, 200);
}

TEST_F(ResourceGraphTest, NeedsAnArmTokenAndAKnownApiVersion) {
  const auto wrong_audience = Query(Body(kRegions), kGraphPath,
                                    testing::ArmToken(*sim_, "https://metrics.monitor.azure.com"));
  EXPECT_EQ(wrong_audience.status, 401);
  EXPECT_EQ(wrong_audience.JsonBody()["error"]["code"], "InvalidAuthenticationTokenAudience");
  for (const char* version : {"2021-03-01", "2022-10-01", "2024-04-01"}) {
    EXPECT_EQ(
        Query(Body(kRegions),
              std::string("/providers/microsoft.resourcegraph/RESOURCES?api-version=") + version)
            .status,
        200)
        << version;
  }
  const auto old =
      Query(Body(kRegions), "/providers/Microsoft.ResourceGraph/resources?api-version=2019-04-01");
  EXPECT_EQ(old.status, 400);
  EXPECT_EQ(old.JsonBody()["error"]["code"], "InvalidApiVersionParameter");
  EXPECT_EQ(Query(Body(kRegions), "/providers/Microsoft.ResourceGraph/resources").status, 400);
  EXPECT_EQ(Count("resource_graph"), 6);
}

TEST_F(ResourceGraphTest, TableFormatHasColumnsAndRows) {
  const auto body = Query(Body(kRegions, {"sub-2"}, {{"resultFormat", "table"}})).JsonBody();
  EXPECT_EQ(body["data"]["columns"],
            nlohmann::json::parse(
                R"([{"name":"id","type":"string"},{"name":"location","type":"string"}])"));
  EXPECT_EQ(body["data"]["rows"].size(), 2u);
}

TEST(GraphQuery, ParsesTheSubset) {
  const GraphQuery query =
      ParseGraphQuery("  Resources\t|where type=~\"Microsoft.A/b\" | project id ,location,name");
  EXPECT_EQ(query.type, "Microsoft.A/b");
  EXPECT_FALSE(query.exact);
  EXPECT_EQ(query.columns, (std::vector<std::string>{"id", "location", "name"}));
  EXPECT_THROW(ParseGraphQuery(""), GraphQueryError);
  EXPECT_THROW(ParseGraphQuery("Resources | where Type =~ 'x' | project id"), GraphQueryError);
  EXPECT_THROW(ParseGraphQuery("Resources | where type =~ 'x' | project id, id"), GraphQueryError);
  EXPECT_THROW(ParseGraphQuery("Resources | where type != 'x' | project id"), GraphQueryError);
}

}  // namespace
}  // namespace mensor::sim

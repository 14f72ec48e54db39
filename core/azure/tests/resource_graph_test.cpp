#include "mensor/azure/resource_graph.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture_util.hpp"

namespace mensor::azure {
namespace {

using testing::ReadFixture;

TEST(ResourceGraph, UrlIsTheTenantLevelProviderPath) {
  EXPECT_EQ(BuildResourceGraphUrl("https://management.azure.com/"),
            "https://management.azure.com/providers/Microsoft.ResourceGraph/resources"
            "?api-version=2021-03-01");
}

TEST(ResourceGraph, QueryFiltersOneTypeAndProjectsIdAndLocation) {
  EXPECT_EQ(BuildRegionQuery("Microsoft.ServiceBus/namespaces"),
            "Resources | where type =~ 'Microsoft.ServiceBus/namespaces' | project id, location");
  EXPECT_EQ(BuildRegionQuery("a'b\\c"),
            R"(Resources | where type =~ 'a\'b\\c' | project id, location)");
}

TEST(ResourceGraph, BodyNamesOneSubscriptionTheLargestPageAndTheSkipToken) {
  const auto first = nlohmann::json::parse(BuildResourceGraphBody("sub-1", "Resources"));
  EXPECT_EQ(first, nlohmann::json::parse(R"({"subscriptions":["sub-1"],"query":"Resources",
      "options":{"$top":1000,"resultFormat":"objectArray"}})"));
  const auto next = nlohmann::json::parse(BuildResourceGraphBody("sub-1", "Resources", "tok"));
  EXPECT_EQ(next["options"]["$skipToken"], "tok");
  EXPECT_EQ(next["options"]["$top"], 1000);
}

TEST(ResourceGraph, MicrosoftsFirstPageExampleParses) {
  const auto page =
      ParseResourceGraphLocations(ReadFixture("resource-graph-first-page-response.json"));
  ASSERT_TRUE(page) << page.error();
  EXPECT_EQ(page->total_records, 386);
  ASSERT_EQ(page->rows.size(), 3u);
  EXPECT_EQ(page->rows[1].resource_id,
            "/subscriptions/cfbbd179-59d2-4052-aa06-9270a38aa9d6/resourceGroups/RG2/providers/"
            "Microsoft.Automation/automationAccounts/TestAA");
  EXPECT_EQ(page->rows[1].region, "westcentralus");
  EXPECT_EQ(page->skip_token, "eyAibm8iOiAibHVjayIsICJidXQiOiAibmljZSIsICJ0cnkiOiAiISIgfQ==");
}

TEST(ResourceGraph, LastPageHasNoSkipToken) {
  for (const char* name :
       {"resource-graph-filter-query-response.json", "resource-graph-query-response.json"}) {
    const auto page = ParseResourceGraphLocations(ReadFixture(name));
    ASSERT_TRUE(page) << name << ": " << page.error();
    EXPECT_EQ(page->rows.size(), 3u);
    EXPECT_FALSE(page->skip_token) << name;
  }
  const auto next =
      ParseResourceGraphLocations(ReadFixture("resource-graph-next-page-response.json"));
  ASSERT_TRUE(next) << next.error();
  EXPECT_TRUE(next->skip_token);
}

TEST(ResourceGraph, RegionIsTheProgrammaticName) {
  const auto page = ParseResourceGraphLocations(
      R"({"totalRecords":1,"count":1,"resultTruncated":"false","facets":[],
          "data":[{"id":"/subscriptions/s/x","location":"North Europe"}]})");
  ASSERT_TRUE(page) << page.error();
  EXPECT_EQ(page->rows[0].region, "northeurope");
}

TEST(ResourceGraph, TheTableFormatIsRefused) {
  EXPECT_FALSE(ParseResourceGraphLocations(
      ReadFixture("resource-graph-first-page-table-2019-04-01-response.json")));
}

TEST(ResourceGraph, AnythingOffTheDocumentedShapeIsRefused) {
  const auto parses = [](const std::string& body) {
    return ParseResourceGraphLocations(body).ok();
  };
  const std::string ok_row = R"({"id":"/subscriptions/s/x","location":"westeurope"})";
  const auto body = [&](const std::string& truncated, const std::string& data, int count = 1) {
    return R"({"totalRecords":1,"count":)" + std::to_string(count) + R"(,"resultTruncated":)" +
           truncated + R"(,"facets":[],"data":)" + data + "}";
  };
  EXPECT_TRUE(parses(body(R"("false")", "[" + ok_row + "]")));
  EXPECT_FALSE(parses(body("false", "[" + ok_row + "]"))) << "resultTruncated is a string";
  EXPECT_FALSE(parses(body(R"("maybe")", "[" + ok_row + "]")));
  EXPECT_FALSE(parses(body(R"("false")", ok_row))) << "data is an array";
  EXPECT_FALSE(parses(body(R"("false")", R"(["/subscriptions/s/x"])"))) << "rows are objects";
  EXPECT_FALSE(parses(body(R"("false")", R"([{"id":"/subscriptions/s/x"}])")));
  EXPECT_FALSE(parses(body(R"("false")", R"([{"id":7,"location":"westeurope"}])")));
  EXPECT_FALSE(parses(body(R"("false")", R"([{"id":"x","location":null}])")));
  EXPECT_FALSE(parses(body(R"("false")", "[" + ok_row + "]", 2))) << "count matches the rows";
  EXPECT_FALSE(parses(R"({"count":0,"resultTruncated":"false","data":[]})"));
  EXPECT_FALSE(parses(R"({"totalRecords":0,"count":0,"resultTruncated":"false","data":[],
                          "$skipToken":5})"));
  EXPECT_FALSE(parses("[]"));
  EXPECT_FALSE(parses("not json"));
}

}  // namespace
}  // namespace mensor::azure

// The Storage queue data plane and the Log Analytics query API of the simulator, through the
// router (Simulator::Handle), as strict as the real services about what a scraper sends.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::sim::testing {
namespace {

constexpr const char* kSas = "sv=2018-03-28&sp=r&se=2099-01-01T00:00:00Z&sig=";

class DataPlaneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SimulatorOptions options;
    options.world = World::FromJson(nlohmann::json::parse(R"({"resources": [],
          "storageAccounts": {"acct": {"sasSignature": "good", "queues": {
            "orders": {"messageCount": 3, "oldestMessageAgeSeconds": 90},
            "empty": {}}}},
          "logAnalyticsWorkspaces": {"ws-1": {"result": 12.5}}})"),
                                    0);
    sim_ = MakeSimulator(now_, std::move(options));
  }

  SimResponse Storage(const std::string& target) {
    return sim_->Handle(SimRequest::Make("GET", target));
  }

  SimResponse Query(const std::string& body,
                    const std::string& audience = "https://api.loganalytics.io") {
    FieldList headers;
    headers.Add("Authorization", "Bearer " + ArmToken(*sim_, audience));
    headers.Add("Content-Type", "application/json");
    return sim_->Handle(SimRequest::Make("POST", "/v1/workspaces/ws-1/query", headers, body));
  }

  std::shared_ptr<TimePoint> now_ = std::make_shared<TimePoint>(FixedNow());
  std::unique_ptr<Simulator> sim_;
};

TEST_F(DataPlaneTest, QueueMetadataCarriesTheApproximateCount) {
  const auto response = Storage(std::string("/storage/acct/orders?comp=metadata&") + kSas + "good");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.headers.Get("x-ms-approximate-messages-count"), "3");
  EXPECT_TRUE(response.body.empty());
}

TEST_F(DataPlaneTest, PeekShowsTheOldestInsertionTime) {
  const auto response = Storage(
      std::string("/storage/acct/orders/messages?peekonly=true&numofmessages=1&") + kSas + "good");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_NE(response.body.find("<InsertionTime>Sat, 28 Nov 2026 12:33:00 GMT</InsertionTime>"),
            std::string::npos)
      << response.body;
  const auto empty =
      Storage(std::string("/storage/acct/empty/messages?peekonly=true&") + kSas + "good");
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body.find("<QueueMessage>"), std::string::npos);
}

TEST_F(DataPlaneTest, StorageRefusesBadSasAndUnknownQueues) {
  const auto wrong = Storage(std::string("/storage/acct/orders?comp=metadata&") + kSas + "bad");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.headers.Get("x-ms-error-code"), "AuthenticationFailed");
  const auto expired = Storage(
      "/storage/acct/orders?comp=metadata&sv=2018-03-28&sp=r&se=2020-01-01T00:00:00Z&sig=good");
  EXPECT_EQ(expired.status, 403);
  const auto write_only = Storage(
      "/storage/acct/orders?comp=metadata&sv=2018-03-28&sp=a&se=2099-01-01T00:00:00Z&sig=good");
  EXPECT_EQ(write_only.headers.Get("x-ms-error-code"), "AuthorizationPermissionMismatch");
  const auto missing = Storage(std::string("/storage/acct/nope?comp=metadata&") + kSas + "good");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers.Get("x-ms-error-code"), "QueueNotFound");
  EXPECT_NE(missing.body.find("<Code>QueueNotFound</Code>"), std::string::npos);
  const auto no_account = Storage(std::string("/storage/other/q?comp=metadata&") + kSas + "good");
  EXPECT_EQ(no_account.status, 404);
  const auto no_comp = Storage(std::string("/storage/acct/orders?") + kSas + "good");
  EXPECT_EQ(no_comp.status, 400);
}

TEST_F(DataPlaneTest, LogAnalyticsAnswersOneResultRow) {
  const auto response = Query(R"({"query":"T | summarize result = count() | project result",
                                  "timespan":"PT300S"})");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = response.JsonBody();
  EXPECT_EQ(body["tables"][0]["columns"][0]["name"], "result");
  EXPECT_EQ(body["tables"][0]["rows"], nlohmann::json::parse("[[12.5]]"));
  const auto two = Query(R"({"query":"T | take 2 | project result"})").JsonBody();
  EXPECT_EQ(two["tables"][0]["rows"].size(), 2u);
}

TEST_F(DataPlaneTest, LogAnalyticsIsStrict) {
  EXPECT_EQ(Query(R"({"query":"T | where x == 'open | project result"})").status, 400);
  EXPECT_EQ(Query(R"({"query":"T | project result","timespan":"five minutes"})").status, 400);
  EXPECT_EQ(Query(R"({"nope":1})").status, 400);
  EXPECT_EQ(Query(R"({"query":"T | project result"})", "https://management.azure.com/").status,
            401);
  const auto unknown =
      sim_->Handle(SimRequest::Make("POST", "/v1/workspaces/ws-1/query", {}, R"({"query":"T"})"));
  EXPECT_EQ(unknown.status, 401);
}

}  // namespace
}  // namespace mensor::sim::testing

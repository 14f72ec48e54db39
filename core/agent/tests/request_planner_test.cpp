#include "mensor/agent/request_planner.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mensor::agent {
namespace {

std::shared_ptr<const ScrapeTarget> Target(
    const std::string& sub, int resource, const std::string& metric,
    azure::Aggregation aggregation = azure::Aggregation::kAverage, const std::string& filter = "") {
  auto target = std::make_shared<ScrapeTarget>();
  target->metric_name = "m_" + metric;
  target->resource_type = "ServiceBusNamespace";
  target->azure_metric_name = metric;
  target->aggregation = aggregation;
  target->filter = filter;
  target->labels.subscription_id = sub;
  target->labels.resource_uri = "subscriptions/" + sub +
                                "/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/ns" +
                                std::to_string(resource);
  return target;
}

size_t CeilDiv(size_t a, size_t b) { return (a + b - 1) / b; }

TEST(RequestPlanner, BatchesMeetTheLowerBoundPerRegion) {
  // 1,000 resources in 3 regions x 25 metrics: ⌈n/50⌉·⌈25/20⌉ calls per region.
  std::vector<PlanInput> inputs;
  const char* regions[] = {"westeurope", "northeurope", "eastus"};
  std::map<std::string, size_t> per_region;
  for (int r = 0; r < 1000; ++r) {
    for (int m = 0; m < 25; ++m) {
      inputs.push_back({Target("s1", r, "Metric" + std::to_string(m)), std::chrono::seconds(60),
                        regions[r % 3]});
    }
    ++per_region[regions[r % 3]];
  }
  const auto calls = PlanRequests(inputs, PlanOptions{true, 50});
  size_t bound = 0;
  for (const auto& [region, n] : per_region) bound += CeilDiv(n, 50) * CeilDiv(25, 20);
  EXPECT_EQ(calls.size(), bound);
  size_t served = 0;
  for (const auto& call : calls) {
    EXPECT_EQ(call.kind, PlannedCall::Kind::kBatch);
    EXPECT_LE(call.resource_ids.size(), 50u);
    EXPECT_LE(call.metric_names.size(), 20u);
    EXPECT_EQ(call.metric_namespace, "Microsoft.ServiceBus/namespaces");
    for (const auto& target : call.targets) {
      // Every target of a call is one of its resources, in its region.
      EXPECT_NE(
          std::find(call.resource_ids.begin(), call.resource_ids.end(), target->resource_uri()),
          call.resource_ids.end());
      const int index =
          std::stoi(target->resource_uri().substr(target->resource_uri().rfind("ns") + 2));
      EXPECT_EQ(call.region, regions[index % 3]);
    }
    served += call.targets.size();
  }
  EXPECT_EQ(served, inputs.size());
}

TEST(RequestPlanner, SplitsBySubscriptionFilterGrainAndAggregationSet) {
  std::vector<PlanInput> inputs = {
      {Target("s1", 1, "A"), std::chrono::seconds(60), "westeurope"},
      {Target("s2", 2, "A"), std::chrono::seconds(60), "westeurope"},
      {Target("s1", 3, "A", azure::Aggregation::kAverage, "EntityName eq '*'"),
       std::chrono::seconds(60), "westeurope"},
      {Target("s1", 4, "A"), std::chrono::seconds(300), "westeurope"},
      {Target("s1", 5, "B", azure::Aggregation::kTotal), std::chrono::seconds(60), "westeurope"},
  };
  const auto calls = PlanRequests(inputs, PlanOptions{true, 50});
  EXPECT_EQ(calls.size(), 5u);
  for (const auto& call : calls) EXPECT_EQ(call.targets.size(), 1u);
}

TEST(RequestPlanner, MergesAggregationsOfOneMetricIntoOneCall) {
  std::vector<PlanInput> inputs = {
      {Target("s1", 1, "A", azure::Aggregation::kAverage), std::chrono::seconds(60), "r"},
      {Target("s1", 1, "A", azure::Aggregation::kMaximum), std::chrono::seconds(60), "r"},
  };
  const auto calls = PlanRequests(inputs, PlanOptions{true, 50});
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].aggregations.size(), 2u);
  EXPECT_EQ(calls[0].resource_ids.size(), 1u);
  EXPECT_EQ(calls[0].targets.size(), 2u);
}

TEST(RequestPlanner, WithoutBatchingOrRegionEachResourceGetsArmCallsOfTwentyMetrics) {
  std::vector<PlanInput> inputs;
  for (int m = 0; m < 25; ++m) {
    inputs.push_back({Target("s1", 1, "M" + std::to_string(m)), std::chrono::seconds(60), ""});
    inputs.push_back(
        {Target("s1", 2, "M" + std::to_string(m)), std::chrono::seconds(60), "westeurope"});
  }
  auto calls = PlanRequests(inputs, PlanOptions{false, 50});
  EXPECT_EQ(calls.size(), 4u);  // 2 resources x ⌈25/20⌉
  for (const auto& call : calls) {
    EXPECT_EQ(call.kind, PlannedCall::Kind::kArm);
    EXPECT_EQ(call.resource_ids.size(), 1u);
    EXPECT_LE(call.metric_names.size(), 20u);
  }
  // Batching on: the resource without a region stays on ARM, the other goes to getBatch.
  calls = PlanRequests(inputs, PlanOptions{true, 50});
  std::multiset<PlannedCall::Kind> kinds;
  for (const auto& call : calls) kinds.insert(call.kind);
  EXPECT_EQ(kinds.count(PlannedCall::Kind::kArm), 2u);
  EXPECT_EQ(kinds.count(PlannedCall::Kind::kBatch), 2u);
}

TEST(RequestPlanner, HonoursTheConfiguredBatchSizeAndAzuresMaximum) {
  std::vector<PlanInput> inputs;
  for (int r = 0; r < 120; ++r) {
    inputs.push_back({Target("s1", r, "A"), std::chrono::seconds(60), "westeurope"});
  }
  EXPECT_EQ(PlanRequests(inputs, PlanOptions{true, 10}).size(), 12u);
  EXPECT_EQ(PlanRequests(inputs, PlanOptions{true, 500}).size(), 3u);  // capped at 50
}

}  // namespace
}  // namespace mensor::agent

// The regions phase of a batching cycle against the simulator: Resource Graph first, one query
// per (subscription, resource type) page by page, and the ARM resource GET for whatever it did
// not answer.
#include <gtest/gtest.h>

#include "simulator.hpp"
#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::EnableBatching;
using testing::ScraperRig;

std::string Namespace(const std::string& subscription, int n) {
  return "subscriptions/" + subscription +
         "/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-" + std::to_string(n);
}

std::shared_ptr<const ScrapeTarget> QueueOn(const std::string& resource_uri) {
  auto target = std::make_shared<ScrapeTarget>(*ScraperRig::QueueTarget("demo_queue"));
  target->labels.resource_uri = resource_uri;
  target->labels.instance_name = resource_uri.substr(resource_uri.rfind('/') + 1);
  return target;
}

std::shared_ptr<const ScrapeTarget> WorkflowOn(const std::string& resource_uri) {
  auto target = std::make_shared<ScrapeTarget>(*ScraperRig::QueueTarget("unused"));
  target->metric_name = "runs_succeeded";
  target->resource_type = "LogicApp";
  target->azure_metric_name = "RunsSucceeded";
  target->filter.clear();
  target->first_dimension_label.clear();
  target->labels.scraper_labels.clear();
  target->labels.resource_uri = resource_uri;
  return target;
}

// ns-1 and ns-2 declared (westeurope, North Europe); any other namespace exists for the ARM GET
// (an open world) but Resource Graph, which lists what exists, does not know it.
const char* const kOpenWorld = R"({"allowUnknownResources": true, "resources": [
  {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-1",
   "location": "westeurope"},
  {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-2",
   "location": "North Europe"}]})";

TEST(RegionLookup, FirstCycleListsRegionsInGraphPagesWithoutResourceGets) {
  constexpr int kResources = 2500;
  ScraperRig rig(EnableBatching, "", [](sim::SimulatorOptions& options) {
    options.world = sim::World::Generate(5, kResources, {"westeurope", "northeurope"});
  });
  std::vector<std::shared_ptr<const ScrapeTarget>> targets;
  for (int i = 0; i < kResources; ++i) {
    targets.push_back(QueueOn("subscriptions/" + std::string(sim::kEstateSubscription) +
                              "/resourceGroups/estate-rg-" + std::to_string(i % 10) +
                              "/providers/Microsoft.ServiceBus/namespaces/estate-" +
                              std::to_string(i)));
  }
  const ScraperRig::CycleCounts first = rig.RunCycle(targets);
  EXPECT_EQ(first.succeeded, kResources);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 3);  // ⌈2500 / 1000⌉ pages
  EXPECT_EQ(rig.sim.Count("resource"), 0);
  EXPECT_GE(rig.sim.Count("batch"), kResources / 50);
  EXPECT_LE(rig.sim.Count("batch"), kResources / 50 + 2) << "⌈n / 50⌉ per region";
  // Regions are cached: the next cycle asks neither.
  EXPECT_EQ(rig.RunCycle(targets).succeeded, kResources);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 3);
  EXPECT_EQ(rig.sim.Count("resource"), 0);
}

TEST(RegionLookup, ResourceMissingFromTheGraphFallsBackToOneGet) {
  ScraperRig rig(EnableBatching, kOpenWorld);
  const ScraperRig::CycleCounts cycle =
      rig.RunCycle({QueueOn(Namespace("sub-1", 1)), QueueOn(Namespace("sub-1", 2)),
                    QueueOn(Namespace("sub-1", 4))});
  EXPECT_EQ(cycle.succeeded, 3);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1);
  EXPECT_EQ(rig.sim.Count("resource"), 1) << "ns-4 only";
  EXPECT_EQ(rig.sim.Count("batch"), 2) << "westeurope (ns-1, ns-4) and northeurope (ns-2)";
}

TEST(RegionLookup, GraphFailureFallsBackToGetsForItsGroup) {
  ScraperRig rig(EnableBatching, kOpenWorld);
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.ResourceGraph", "status": 403,
                                 "count": 1})"),
            201);
  const ScraperRig::CycleCounts cycle =
      rig.RunCycle({QueueOn(Namespace("sub-1", 1)), QueueOn(Namespace("sub-1", 2))});
  EXPECT_EQ(cycle.succeeded, 2);
  EXPECT_EQ(cycle.failed, 0);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1);
  EXPECT_EQ(rig.sim.Count("resource"), 2);
  EXPECT_EQ(rig.sim.Count("batch"), 2);
}

TEST(RegionLookup, ThrottledGraphWaitsOnlyForAShortRetryAfter) {
  ScraperRig rig(EnableBatching, kOpenWorld);
  // A long Retry-After: the GETs answer sooner.
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.ResourceGraph", "status": 429,
                                 "retryAfter": 60, "count": 1})"),
            201);
  EXPECT_EQ(rig.RunCycle({QueueOn(Namespace("sub-1", 1))}).succeeded, 1);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1);
  EXPECT_EQ(rig.sim.Count("resource"), 1);
  // Within the quota window: worth the wait.
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.ResourceGraph", "status": 429,
                                 "retryAfter": 2, "count": 1})"),
            201);
  EXPECT_EQ(rig.RunCycle({QueueOn(Namespace("sub-1", 2))}).succeeded, 1);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 3);
  EXPECT_EQ(rig.sim.Count("resource"), 1);
}

TEST(RegionLookup, OneQueryPerSubscriptionAndResourceType) {
  const char* const world = R"({"resources": [
    {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-1",
     "location": "westeurope"},
    {"id": "/subscriptions/sub-2/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-2",
     "location": "northeurope"},
    {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Logic/workflows/wf-1",
     "location": "eastus"},
    {"id": "/subscriptions/SUB-2/resourceGroups/rg-1/providers/Microsoft.Logic/workflows/wf-2",
     "location": "eastus"},
    {"id": "/subscriptions/sub-2/resourceGroups/rg-1/providers/Microsoft.Logic/workflows/wf-3",
     "location": "westus"}]})";
  ScraperRig rig(EnableBatching, world);
  const std::vector targets = {
      QueueOn(Namespace("sub-1", 1)), QueueOn(Namespace("sub-2", 2)),
      WorkflowOn(
          "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Logic/workflows/wf-1"),
      // Another spelling of the id than Azure's: matched case-insensitively.
      WorkflowOn(
          "subscriptions/sub-2/resourcegroups/RG-1/providers/microsoft.logic/Workflows/WF-2"),
      WorkflowOn(
          "subscriptions/sub-2/resourceGroups/rg-1/providers/Microsoft.Logic/workflows/wf-3")};
  const ScraperRig::CycleCounts cycle = rig.RunCycle(targets);
  EXPECT_EQ(cycle.succeeded, 5);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 4) << "(sub-1, sub-2) x (namespaces, workflows)";
  EXPECT_EQ(rig.sim.Count("resource"), 0);
  // One getBatch per (subscription, region, type): sub-1 westeurope namespaces, sub-2
  // northeurope namespaces, sub-1 eastus workflows, sub-2 eastus and westus workflows.
  EXPECT_EQ(rig.sim.Count("batch"), 5);
}

TEST(RegionLookup, GraphCallsAreCountedUnderTheirOwnKind) {
  ScraperRig rig(EnableBatching, kOpenWorld);
  rig.RunCycle({QueueOn(Namespace("sub-1", 1))});
  rig.scraper.RecordCycle("s", 0);
  const auto graph_ok = rig.writer.Latest("mensor_azure_calls_total",
                                          {{"kind", "resource_graph"}, {"status", "200"}});
  ASSERT_TRUE(graph_ok);
  EXPECT_EQ(graph_ok->value, 1);
}

}  // namespace
}  // namespace mensor::agent

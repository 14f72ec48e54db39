// The request planner's calls against the simulator: getBatch per region, regions looked up once
// (Resource Graph; region_lookup_test.cpp covers its fallbacks), matching by resource id,
// throttling and back-off, stale series, truncated answers.
#include <gtest/gtest.h>

#include <cmath>

#include "mensor/agent/series_builder.hpp"
#include "simulator.hpp"
#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::EnableBatching;
using testing::ScraperRig;

std::string Id(int n) {
  return "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-" +
         std::to_string(n);
}

// ns-1 and ns-2 in westeurope, ns-3 in northeurope; each queue "q" has a distinct fixed value so a
// value that lands on the wrong resource shows.
const char* const kRegionsWorld = R"({"resources": [
  {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-1",
   "location": "westeurope", "entities": {"q": {"ActiveMessages": 11}}},
  {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-2",
   "location": "westeurope", "entities": {"q": {"ActiveMessages": 22}}},
  {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-3",
   "location": "North Europe", "entities": {"q": {"ActiveMessages": 33}}}]})";

std::shared_ptr<const ScrapeTarget> QueueOf(int n) {
  auto target = std::make_shared<ScrapeTarget>(*ScraperRig::QueueTarget("q"));
  target->metric_name = "q_size";
  target->labels.resource_uri = Id(n);
  target->labels.instance_name = "ns-" + std::to_string(n);
  return target;
}

double ValueFor(const ScraperRig& rig, int n) {
  const std::string scope = SinkScope(*QueueOf(n));
  double value = NAN;
  for (const auto& write : rig.writer.Writes()) {
    if (write.scope == scope && !write.samples.empty()) value = write.samples.front().value;
  }
  return value;
}

// Batching, and series of vanished resources dropped after two cycles.
void BatchingWithTwoStaleCycles(ScraperOptions& options) {
  EnableBatching(options);
  options.stale_series_cycles = 2;
}

TEST(BatchScrape, OneGetBatchPerRegionAndRegionsLookedUpOnce) {
  ScraperRig rig(EnableBatching, kRegionsWorld);
  const std::vector targets = {QueueOf(1), QueueOf(2), QueueOf(3)};
  const ScraperRig::CycleCounts first = rig.RunCycle(targets);
  EXPECT_EQ(first.succeeded, 3);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1) << "one subscription, one type";
  EXPECT_EQ(rig.sim.Count("resource"), 0) << "Resource Graph knew every region";
  EXPECT_EQ(rig.sim.Count("metric_definitions"), 1);
  EXPECT_EQ(rig.sim.Count("batch"), 2);  // westeurope and northeurope
  EXPECT_EQ(rig.sim.Count("metrics"), 0);
  // Matched by resource id: every namespace gets its own value.
  EXPECT_EQ(ValueFor(rig, 1), 11);
  EXPECT_EQ(ValueFor(rig, 2), 22);
  EXPECT_EQ(ValueFor(rig, 3), 33);

  const ScraperRig::CycleCounts second = rig.RunCycle(targets);
  EXPECT_EQ(second.succeeded, 3);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1) << "regions are cached";
  EXPECT_EQ(rig.sim.Count("resource"), 0);
  EXPECT_EQ(rig.sim.Count("metric_definitions"), 1) << "definitions are cached per type";
  EXPECT_EQ(rig.sim.Count("batch"), 4);
}

TEST(BatchScrape, MetricAzureRefusesDoesNotTakeTheOthersOfItsCallDown) {
  ScraperRig rig(EnableBatching, kRegionsWorld);
  // ConnectionsActive has no EntityName dimension: Azure answers 400 to any call asking for it
  // with the queue filter, the whole call included.
  auto connections = std::make_shared<ScrapeTarget>(*QueueOf(1));
  connections->metric_name = "connections";
  connections->azure_metric_name = "ConnectionsActive";
  const ScraperRig::CycleCounts cycle = rig.RunCycle({QueueOf(1), connections});
  EXPECT_EQ(cycle.succeeded, 1);
  EXPECT_EQ(cycle.failed, 1);
  EXPECT_EQ(ValueFor(rig, 1), 11);
  EXPECT_EQ(rig.sim.Count("batch"), 3) << "the shared call, then one per metric";
}

TEST(BatchScrape, WithoutBatchingEachResourceGetsOneArmCall) {
  ScraperRig rig({}, kRegionsWorld);
  const ScraperRig::CycleCounts cycle = rig.RunCycle({QueueOf(1), QueueOf(2), QueueOf(3)});
  EXPECT_EQ(cycle.succeeded, 3);
  EXPECT_EQ(rig.sim.Count("metrics"), 3);
  EXPECT_EQ(rig.sim.Count("batch"), 0);
  EXPECT_EQ(rig.sim.Count("resource"), 0);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 0);
  EXPECT_EQ(ValueFor(rig, 3), 33);
}

TEST(BatchScrape, ThrottledBatchIsRescheduledAfterRetryAfterBeyondAMinute) {
  ScraperRig rig(EnableBatching, kRegionsWorld);
  // 529 with Retry-After 90 s: the Azure SDKs give up beyond 60 s; Mensor comes back later.
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "getBatch", "status": 529, "retryAfter": 90,
                                 "count": 1})"),
            201);
  const ScraperRig::CycleCounts cycle = rig.RunCycle({QueueOf(1), QueueOf(2)});
  EXPECT_EQ(cycle.succeeded, 2);
  EXPECT_EQ(cycle.failed, 0);
  EXPECT_EQ(rig.sim.Count("throttled"), 1);
  EXPECT_EQ(rig.sim.Count("batch"), 2);
  EXPECT_EQ(ValueFor(rig, 2), 22);
}

TEST(BatchScrape, ArmThrottlingHoldsTheSubscriptionAndThenSucceeds) {
  ScraperRig rig({}, kRegionsWorld);
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.Insights/metrics?", "status": 429,
                                 "retryAfter": 120, "count": 1})"),
            201);
  const ScraperRig::CycleCounts cycle = rig.RunCycle({QueueOf(1)});
  EXPECT_EQ(cycle.succeeded, 1);
  EXPECT_EQ(rig.sim.Count("throttled"), 1);
  bool saw_throttled = false;
  for (const auto& write : rig.writer.Writes()) {
    for (const auto& sample : write.samples) {
      saw_throttled |= sample.name == "promitor_ratelimit_arm_throttled" && sample.value == 1;
    }
  }
  EXPECT_TRUE(saw_throttled);
}

TEST(BatchScrape, ServerErrorsAreRetriedWithBackOff) {
  ScraperRig rig({}, kRegionsWorld);
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.Insights/metrics?", "status": 503,
                                 "count": 2})"),
            201);
  const ScraperRig::CycleCounts cycle = rig.RunCycle({QueueOf(1)});
  EXPECT_EQ(cycle.succeeded, 1);
  EXPECT_EQ(rig.sim.Count("server_error"), 2);
  EXPECT_EQ(ValueFor(rig, 1), 11);
}

TEST(BatchScrape, CallsAreCountedByKindAndStatus) {
  ScraperRig rig(EnableBatching, kRegionsWorld);
  rig.RunCycle({QueueOf(1), QueueOf(3)});
  rig.scraper.RecordCycle("*/1 * * * *", 0.25);
  const auto batch_ok =
      rig.writer.Latest("mensor_azure_calls_total", {{"kind", "batch"}, {"status", "200"}});
  ASSERT_TRUE(batch_ok);
  EXPECT_TRUE(batch_ok->counter);
  EXPECT_EQ(batch_ok->value, 2);
  EXPECT_EQ(rig.writer.Value("mensor_scrape_cycle_duration_seconds"), 0.25);
}

TEST(BatchScrape, ResourceThatKeepsFailingLosesItsSeriesAfterTheConfiguredCycles) {
  ScraperRig rig([](ScraperOptions& options) { options.stale_series_cycles = 2; }, kRegionsWorld);
  ASSERT_EQ(rig.RunCycle({QueueOf(1)}).succeeded, 1);
  // The resource is deleted: every later query answers 404.
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "ns-1/providers/Microsoft.Insights/metrics?",
                                 "status": 404})"),
            201);
  const std::string scope = SinkScope(*QueueOf(1));
  ASSERT_EQ(rig.RunCycle({QueueOf(1)}).failed, 1);
  EXPECT_EQ(rig.writer.Writes().back().scope == scope && rig.writer.Writes().back().samples.empty(),
            false)
      << "one failed cycle keeps the last values";
  ASSERT_EQ(rig.RunCycle({QueueOf(1)}).failed, 1);
  bool dropped = false;
  for (const auto& write : rig.writer.Writes())
    dropped |= write.scope == scope && write.samples.empty();
  EXPECT_TRUE(dropped);
}

TEST(BatchScrape, AnswerWithExactlyTopSeriesIsCountedAsTruncated) {
  ScraperRig rig;
  auto target = std::make_shared<ScrapeTarget>(*ScraperRig::QueueTarget("demo_queue"));
  target->filter = "EntityName eq '*'";
  target->dimensions = {"EntityName"};
  target->top = 2;  // the world has two queues
  ASSERT_EQ(rig.ScrapeAndWait(target), true);
  rig.scraper.RecordCycle("s", 0);
  EXPECT_EQ(rig.writer.Value("mensor_azure_series_truncated_total"), 1);
}

// getBatch answers for a deleted resource as for an idle one: no data. After staleSeriesCycles
// such answers one ARM GET checks it: 404, and its series go as any deleted resource's do
// (staleSeriesCycles failures later), while its neighbours in the same calls keep theirs.
TEST(BatchScrape, DeletedResourceIsFoundOutAndItsSeriesDropped) {
  ScraperRig rig(BatchingWithTwoStaleCycles, kRegionsWorld);
  const std::vector<std::shared_ptr<const ScrapeTarget>> targets = {QueueOf(1), QueueOf(2)};
  ASSERT_EQ(rig.RunCycle(targets).succeeded, 2);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1);  // the region lookups
  EXPECT_EQ(rig.sim.Count("resource"), 0);
  ASSERT_EQ(rig.sim.DeleteResource("/" + Id(2)), 200);

  // Two answers without data: an idle resource looks the same, so nothing is checked yet.
  EXPECT_EQ(rig.RunCycle(targets).succeeded, 2);
  EXPECT_EQ(rig.RunCycle(targets).succeeded, 2);
  EXPECT_EQ(rig.sim.Count("resource"), 0);
  // Then one GET per cycle answers 404: gone, and after two such cycles its series are dropped.
  const ScraperRig::CycleCounts third = rig.RunCycle(targets);
  EXPECT_EQ(third.succeeded, 1);
  EXPECT_EQ(third.failed, 1);
  EXPECT_EQ(rig.sim.Count("resource"), 1);
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1) << "the silence check stays an ARM GET";
  const std::string scope = SinkScope(*QueueOf(2));
  const auto dropped = [&] {
    for (const auto& write : rig.writer.Writes()) {
      if (write.scope == scope && write.samples.empty()) return true;
    }
    return false;
  };
  EXPECT_FALSE(dropped()) << "one failed cycle keeps the last values";
  EXPECT_EQ(rig.RunCycle(targets).failed, 1);
  EXPECT_TRUE(dropped());
  EXPECT_EQ(ValueFor(rig, 1), 11);
}

// An idle resource (no data) that still exists is checked ever more rarely: once it has given 2,
// 4, 8 ... silent answers in a row.
TEST(BatchScrape, IdleResourceIsCheckedEverMoreRarely) {
  ScraperRig rig(BatchingWithTwoStaleCycles, kRegionsWorld);
  auto idle = std::make_shared<ScrapeTarget>(*QueueOf(1));
  idle->filter = "EntityName eq 'nothing-here'";  // a queue that never has data
  const std::vector<std::shared_ptr<const ScrapeTarget>> targets = {idle};
  std::vector<int> lookups;
  for (int cycle = 0; cycle < 9; ++cycle) {
    ASSERT_EQ(rig.RunCycle(targets).succeeded, 1) << "cycle " << cycle;
    lookups.push_back(rig.sim.Count("resource"));
  }
  // The region comes from Resource Graph in cycle 0; GET checks in cycles 2, 4 and 8 (after 2, 4
  // and 8 silent answers).
  EXPECT_EQ(lookups, (std::vector<int>{0, 0, 1, 1, 2, 2, 2, 2, 3}));
  EXPECT_EQ(rig.sim.Count("resource_graph"), 1);
}

}  // namespace
}  // namespace mensor::agent

#include "mensor/agent/scrape_run.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::ScraperRig;
using testing::WaitUntil;

// Freshness is touched at construction and when a run finishes. Every run here waits at least
// 100 ms for Azure (injected delay), so a touch more than 50 ms after `since` is the run's.
// `now` is read before the age, which makes the computed touch time an underestimate.
bool FinishedSince(const Freshness& freshness, std::chrono::steady_clock::time_point since) {
  const auto now = std::chrono::steady_clock::now();
  const auto age = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(freshness.SecondsSinceLastRun()));
  return now - age > since + std::chrono::milliseconds(50);
}

TEST(ScrapeRunTest, ScrapesEveryTargetAndTouchesFreshness) {
  ScraperRig rig;
  Freshness freshness(std::chrono::seconds(120));
  const auto created = std::chrono::steady_clock::now();
  ScrapeRun run("* * * * *",
                {ScraperRig::QueueTarget("demo_queue"), ScraperRig::QueueTarget("orders")},
                rig.scraper, freshness);
  // Slow answers, so the run is still going while the test looks at it.
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.Insights/metrics", "delayMs": 300})"), 201);
  run.Start();
  EXPECT_FALSE(FinishedSince(freshness, created));
  ASSERT_TRUE(WaitUntil([&] { return FinishedSince(freshness, created); }));
  EXPECT_EQ(rig.sim.Count("metrics"), 2);
  ASSERT_TRUE(rig.writer.Latest("demo_queue_size") && rig.writer.Latest("orders_size"));
  EXPECT_DOUBLE_EQ(rig.writer.Value("demo_queue_size"), 42);
  EXPECT_DOUBLE_EQ(rig.writer.Value("orders_size"), 7);
}

TEST(ScrapeRunTest, FiringWhileRunningIsSkippedNotDoubled) {
  ScraperRig rig;
  Freshness freshness(std::chrono::seconds(120));
  ScrapeRun run("* * * * *", {ScraperRig::QueueTarget("demo_queue")}, rig.scraper, freshness);
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.Insights/metrics", "delayMs": 500})"), 201);
  const auto first = std::chrono::steady_clock::now();
  run.Start();
  run.Start();  // the schedule fires again while the first run waits for Azure
  ASSERT_TRUE(WaitUntil([&] { return FinishedSince(freshness, first); }));
  EXPECT_EQ(rig.sim.Count("metrics"), 1);

  // Once finished, the next firing runs again.
  const auto second = std::chrono::steady_clock::now();
  run.Start();
  ASSERT_TRUE(WaitUntil([&] { return FinishedSince(freshness, second); }));
  EXPECT_EQ(rig.sim.Count("metrics"), 2);
}

TEST(ScrapeRunTest, FailedTargetsStillFinishTheRun) {
  ScraperRig rig;
  Freshness freshness(std::chrono::seconds(120));
  const auto created = std::chrono::steady_clock::now();
  ScrapeRun run("* * * * *",
                {ScraperRig::QueueTarget("demo_queue"), ScraperRig::QueueTarget("orders")},
                rig.scraper, freshness);
  // The first matching fault applies: orders fails, demo_queue is only slowed down.
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "orders", "status": 500, "delayMs": 100})"), 201);
  ASSERT_EQ(rig.sim.AddFault(R"({"match": "Microsoft.Insights/metrics", "delayMs": 100})"), 201);
  run.Start();
  ASSERT_TRUE(WaitUntil([&] { return FinishedSince(freshness, created); }));
  EXPECT_TRUE(rig.writer.Latest("demo_queue_size"));
  EXPECT_FALSE(rig.writer.Latest("orders_size"));
}

TEST(ScrapeRunTest, StoppedRunDoesNotStart) {
  ScraperRig rig;
  Freshness freshness(std::chrono::seconds(120));
  ScrapeRun run("* * * * *", {ScraperRig::QueueTarget("demo_queue")}, rig.scraper, freshness);
  run.Stop();
  run.Start();
  // Start returns without submitting anything: nothing can be in flight afterwards.
  EXPECT_EQ(rig.client.stats().started + rig.client.stats().queued, 0u);
  EXPECT_EQ(rig.writer.WriteCount(), 0u);
}

}  // namespace
}  // namespace mensor::agent

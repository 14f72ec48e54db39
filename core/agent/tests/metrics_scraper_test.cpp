#include "mensor/agent/metrics_scraper.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::LabelValue;
using testing::ScraperRig;

constexpr const char* kMetricsFault = R"("match": "Microsoft.Insights/metrics")";
const std::string kQueueScope = std::string("demo_queue_size|") + testing::kResourceUri;

size_t MetricWrites(const ScraperRig& rig) { return rig.writer.CountScope(kQueueScope); }

TEST(MetricsScraperTest, SuccessWritesSamplesAndRecordsSuccess) {
  ScraperRig rig;
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);

  ASSERT_EQ(MetricWrites(rig), 1u);
  const auto sample = rig.writer.Latest("demo_queue_size");
  ASSERT_TRUE(sample);
  EXPECT_TRUE(sample->has_value);
  EXPECT_DOUBLE_EQ(sample->value, 42);  // the world's fixed value, one-minute Total
  EXPECT_EQ(sample->labels, (LabelList{{"resource_group", "rg-1"},
                                       {"subscription_id", "sub-1"},
                                       {"resource_uri", testing::kResourceUri},
                                       {"instance_name", "ns-1"},
                                       {"entity_name", "demo_queue"},
                                       {"tenant_id", "tenant-1"}}));

  const auto success = rig.writer.Latest("promitor_scrape_success");
  ASSERT_TRUE(success);
  EXPECT_DOUBLE_EQ(success->value, 1);
  EXPECT_EQ(LabelValue(*success, "metric_name"), "demo_queue_size");
  EXPECT_EQ(LabelValue(*success, "resource_name"), "ns-1");
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_error"), 0);
  EXPECT_EQ(rig.fetches, 1);
  EXPECT_EQ(rig.sim.Count("metrics"), 1);
}

TEST(MetricsScraperTest, TokenIsReusedAcrossScrapes) {
  ScraperRig rig;
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("orders")), true);
  EXPECT_DOUBLE_EQ(rig.writer.Value("orders_size"), 7);
  EXPECT_EQ(rig.fetches, 1);
}

TEST(MetricsScraperTest, RateLimitHeaderIsRecorded) {
  ScraperRig rig;
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  const auto remaining = rig.writer.Latest("promitor_ratelimit_arm");
  ASSERT_TRUE(remaining);
  // The simulator's budget of 12000 minus two reads: the metric definitions, then the metrics.
  EXPECT_DOUBLE_EQ(remaining->value, 11998);
  EXPECT_EQ(
      remaining->labels,
      (LabelList{{"tenant_id", "tenant-1"}, {"subscription_id", "sub-1"}, {"app_id", "app-1"}}));
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_ratelimit_arm_throttled"), 0);
}

TEST(MetricsScraperTest, DefinitionsAreReadOncePerResourceTypeAndMetric) {
  ScraperRig rig;
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("orders")), true);
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  EXPECT_EQ(rig.sim.Count("metric_definitions"), 1);
  EXPECT_EQ(rig.sim.Count("metrics"), 3);
}

TEST(MetricsScraperTest, UnknownMetricFailsBeforeQueryingIt) {
  ScraperRig rig;
  auto target = std::make_shared<ScrapeTarget>(*ScraperRig::QueueTarget("demo_queue"));
  target->azure_metric_name = "NoSuchMetric";
  EXPECT_EQ(rig.ScrapeAndWait(target), false);
  EXPECT_EQ(rig.sim.Count("metrics"), 0);
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_error"), 1);
  EXPECT_FALSE(rig.writer.Latest("demo_queue_size"));
}

TEST(MetricsScraperTest, IntervalSnapsToTheClosestOfferedGrain) {
  ScraperRig rig;
  auto target = std::make_shared<ScrapeTarget>(*ScraperRig::QueueTarget("demo_queue"));
  // Azure offers PT1M and PT5M but not PT2M, and answers 400 to it: Promitor snaps to PT1M.
  target->interval = std::chrono::seconds(120);
  EXPECT_EQ(rig.ScrapeAndWait(target), true);
  EXPECT_EQ(rig.sim.Count("bad_request"), 0);
  const auto sample = rig.writer.Latest("demo_queue_size");
  ASSERT_TRUE(sample);
  EXPECT_DOUBLE_EQ(sample->value, 42);  // one minute's Total, not two
}

TEST(MetricsScraperTest, ServerErrorFailsAndLeavesSinksAlone) {
  ScraperRig rig;
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  ASSERT_EQ(rig.sim.AddFault(std::string("{") + kMetricsFault + R"(, "status": 500})"), 201);

  EXPECT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), false);
  EXPECT_EQ(MetricWrites(rig), 1u) << "a failed scrape must not replace the last values";
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_success"), 0);
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_error"), 1);
  // The first answer and three retries with back-off, then the scrape gives up.
  EXPECT_EQ(rig.sim.Count("faults_injected"), 4);
  EXPECT_EQ(rig.fetches, 1) << "a 500 is not a reason to renew the token";
}

TEST(MetricsScraperTest, ThrottlingIsRecordedRescheduledAndKeepsTheLastKnownBudget) {
  ScraperRig rig;
  ASSERT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  ASSERT_EQ(rig.sim.AddFault(std::string("{") + kMetricsFault +
                             R"(, "status": 429, "retryAfter": 7, "count": 1})"),
            201);
  // Rescheduled after Retry-After instead of failing.
  EXPECT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  bool throttled_recorded = false;
  for (const auto& write : rig.writer.Writes()) {
    for (const auto& sample : write.samples) {
      throttled_recorded |= sample.name == "promitor_ratelimit_arm_throttled" && sample.value == 1;
    }
  }
  EXPECT_TRUE(throttled_recorded);
  EXPECT_GT(rig.writer.Value("promitor_ratelimit_arm"), 0);
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_error"), 0);
  EXPECT_EQ(rig.sim.Count("throttled"), 1);
}

TEST(MetricsScraperTest, UnauthorizedRenewsTheTokenAndRetriesOnce) {
  ScraperRig rig;
  // The first token passes the cache but the simulator finds it expired (revoked early).
  rig.mint = [&rig](int fetch) {
    return fetch == 1 ? rig.sim.ArmToken(std::chrono::hours(2)) : rig.sim.ArmToken();
  };
  EXPECT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), true);
  EXPECT_EQ(rig.fetches, 2);
  EXPECT_EQ(rig.sim.Count("unauthorized"), 1);
  EXPECT_EQ(MetricWrites(rig), 1u);
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_success"), 1);
}

TEST(MetricsScraperTest, SecondUnauthorizedGivesUp) {
  ScraperRig rig;
  rig.mint = [](int) { return std::string("not-a-token"); };
  EXPECT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), false);
  EXPECT_EQ(rig.fetches, 2) << "exactly one renewal";
  EXPECT_EQ(rig.sim.Count("unauthorized"), 2);
  EXPECT_EQ(MetricWrites(rig), 0u);
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_error"), 1);
}

TEST(MetricsScraperTest, NoTokenFailsWithoutCallingAzure) {
  ScraperRig rig;
  rig.mint = [](int) { return std::string(); };  // the fetch throws
  EXPECT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), false);
  EXPECT_EQ(rig.sim.Count("metrics"), 0);
  EXPECT_DOUBLE_EQ(rig.writer.Value("promitor_scrape_error"), 1);
}

TEST(MetricsScraperTest, UnknownResourceFails) {
  ScraperRig rig;
  auto target = std::make_shared<ScrapeTarget>(*ScraperRig::QueueTarget("demo_queue"));
  target->labels.resource_uri =
      "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/nope";
  EXPECT_EQ(rig.ScrapeAndWait(target), false);
  EXPECT_EQ(rig.sim.Count("not_found"), 1);
  EXPECT_EQ(rig.writer.Latest("demo_queue_size"), std::nullopt);
}

TEST(MetricsScraperTest, StoppedScraperRecordsNoFailures) {
  ScraperRig rig;
  ASSERT_EQ(rig.sim.AddFault(std::string("{") + kMetricsFault + R"(, "status": 503})"), 201);
  rig.scraper.Stop();
  EXPECT_EQ(rig.ScrapeAndWait(ScraperRig::QueueTarget("demo_queue")), false);
  EXPECT_EQ(rig.writer.Latest("promitor_scrape_error"), std::nullopt);
}

}  // namespace
}  // namespace mensor::agent

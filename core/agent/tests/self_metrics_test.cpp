#include "mensor/agent/self_metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::CapturingWriter;

ScrapeTarget Target() {
  ScrapeTarget target;
  target.metric_name = "demo_queue_size";
  target.resource_type = "ServiceBusNamespace";
  target.labels.resource_uri = "subscriptions/s/resourceGroups/rg/providers/x/ns";
  target.labels.resource_group = "rg";
  target.labels.subscription_id = "s";
  target.labels.instance_name = "ns";
  return target;
}

TEST(SelfMetricsTest, ScrapeOutcomeUsesPromitorNamesAndLabels) {
  CapturingWriter writer;
  SelfMetrics self(writer, "tenant", "app");
  self.RecordScrape(Target(), false, 1234);
  const auto writes = writer.Writes();
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].scope,
            "mensor/self/scrape/demo_queue_size/subscriptions/s/resourceGroups/rg/providers/x/ns");
  ASSERT_EQ(writes[0].samples.size(), 2u);
  const MeasuredSample& success = writes[0].samples[0];
  EXPECT_EQ(success.name, "promitor_scrape_success");
  EXPECT_DOUBLE_EQ(success.value, 0);
  EXPECT_EQ(success.timestamp_unix_ns, 1234);
  EXPECT_EQ(success.labels, (LabelList{{"metric_name", "demo_queue_size"},
                                       {"resource_group", "rg"},
                                       {"resource_name", "ns"},
                                       {"resource_type", "ServiceBusNamespace"},
                                       {"subscription_id", "s"},
                                       {"tenant_id", "tenant"}}));
  EXPECT_EQ(writes[0].samples[1].name, "promitor_scrape_error");
  EXPECT_DOUBLE_EQ(writes[0].samples[1].value, 1);
}

TEST(SelfMetricsTest, MissingRateLimitHeaderKeepsTheLastKnownValue) {
  CapturingWriter writer;
  SelfMetrics self(writer, "tenant", "app");
  self.RecordArmResponse("s", -1, false, 1);  // nothing known yet: only the throttle gauge
  ASSERT_EQ(writer.Writes().back().samples.size(), 1u);
  EXPECT_EQ(writer.Writes().back().samples[0].name, "promitor_ratelimit_arm_throttled");

  self.RecordArmResponse("s", 11000, false, 2);
  self.RecordArmResponse("s", -1, true, 3);  // a 429 without the header
  const auto last = writer.Writes().back();
  EXPECT_EQ(last.scope, "mensor/self/arm/s");
  ASSERT_EQ(last.samples.size(), 2u);
  EXPECT_EQ(last.samples[0].name, "promitor_ratelimit_arm");
  EXPECT_DOUBLE_EQ(last.samples[0].value, 11000);
  EXPECT_DOUBLE_EQ(last.samples[1].value, 1);
  EXPECT_EQ(last.samples[0].labels,
            (LabelList{{"tenant_id", "tenant"}, {"subscription_id", "s"}, {"app_id", "app"}}));

  // Budgets are per subscription.
  self.RecordArmResponse("other", -1, false, 4);
  EXPECT_EQ(writer.Writes().back().samples.size(), 1u);
}

// Remote-write receivers reject a series whose timestamp repeats or goes back (HTTP 400, and the
// whole request is lost), so ARM answers finishing together on several threads, or within one
// millisecond, must still reach the sinks strictly in order.
TEST(SelfMetricsTest, RateLimitStampsStrictlyIncreaseInWriteOrder) {
  CapturingWriter writer;
  SelfMetrics self(writer, "tenant", "app");
  self.RecordArmResponse("s", 100, false, 5'000'000);
  self.RecordArmResponse("s", 99, false, 5'000'000);  // the same millisecond
  self.RecordArmResponse("s", 98, false, 1'000'000);  // a thread that read the clock earlier
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&self, t] {
      for (int i = 0; i < 200; ++i) self.RecordArmResponse("s", 1000 - i, false, 7'000'000 + t);
    });
  }
  for (std::thread& thread : threads) thread.join();
  int64_t previous = 0;
  for (const auto& write : writer.Writes()) {
    for (const MeasuredSample& sample : write.samples) {
      EXPECT_GT(sample.timestamp_unix_ns / 1'000'000, previous / 1'000'000)
          << "out of order, or the same millisecond twice";
    }
    previous = write.samples.front().timestamp_unix_ns;
  }
  EXPECT_EQ(writer.Writes().front().samples.front().timestamp_unix_ns, 5'000'000);
  // Other subscriptions are separate series: their clock is not pushed ahead.
  self.RecordArmResponse("other", 5, false, 2'000'000);
  EXPECT_EQ(writer.Writes().back().samples.front().timestamp_unix_ns, 2'000'000);
}

}  // namespace
}  // namespace mensor::agent

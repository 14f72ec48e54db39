// Per-sink queues and workers: a blocked, failing or slow sink never delays Write() or the other
// sinks; bounded queues drop the oldest data (counted); retryable failures are retried with
// back-off; StopAll flushes within its deadline and cancels a write that outlives it.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "mensor/agent/sink_set.hpp"
#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/host_api.hpp"

namespace mensor::agent {
namespace {

using namespace std::chrono_literals;

std::string Str(mensor_str text) { return std::string(text.ptr, text.len); }

bool WaitFor(const std::function<bool()>& condition, std::chrono::seconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(1ms);  // polling interval, not synchronisation
  }
  return condition();
}

// A sink whose behaviour the test scripts: it records every scope it receives, can be held in
// write() until released (honouring cancellation like T4 asks), and can fail a number of times.
struct Script {
  std::mutex mutex;
  std::condition_variable changed;
  bool hold = false;
  bool ignore_cancellation = false;
  int fail_times = 0;
  mensor_status fail_with = MENSOR_E_UNAVAILABLE;
  std::vector<std::string> scopes;  // delivered (write returned OK)
  std::atomic<int> in_write{0};
  std::atomic<int> attempts{0};
  std::vector<std::string> lifecycle;

  void Release() {
    std::lock_guard lock(mutex);
    hold = false;
    changed.notify_all();
  }
  std::vector<std::string> Delivered() {
    std::lock_guard lock(mutex);
    return scopes;
  }
};

mensor_status Create(mensor_host_ctx*, const mensor_config* config, mensor_call*, void** out) {
  *out = const_cast<void*>(static_cast<const void*>(config->schema));  // the Script, see Add()
  return MENSOR_OK;
}
void Destroy(void* instance) {
  auto* script = static_cast<Script*>(instance);
  std::lock_guard lock(script->mutex);
  script->lifecycle.push_back("destroy");
}
mensor_status Start(void*, mensor_call*) { return MENSOR_OK; }
void Stop(void* instance) {
  auto* script = static_cast<Script*>(instance);
  std::lock_guard lock(script->mutex);
  script->lifecycle.push_back("stop");
}
mensor_status Write(void* instance, mensor_call* call, const mensor_batch* batch) {
  auto* script = static_cast<Script*>(instance);
  const mensor_host_api* host = plugin::HostApi();
  script->attempts++;
  script->in_write++;
  std::unique_lock lock(script->mutex);
  while (script->hold && (script->ignore_cancellation || !host->is_cancelled(call))) {
    script->changed.wait_for(lock, 2ms);
  }
  script->in_write--;
  if (script->hold) return host->set_error(call, MENSOR_E_CANCELLED, {"cancelled", 9});
  if (script->fail_times > 0) {
    script->fail_times--;
    return host->set_error(call, script->fail_with, {"scripted failure", 16});
  }
  script->scopes.push_back(Str(host->batch_scope(batch)));
  return MENSOR_OK;
}

const mensor_sink_desc kDesc{
    sizeof(mensor_sink_desc), "scripted", "test", nullptr, 0, Create, Destroy, Start, Write, Stop};

class SinkDeliveryTest : public ::testing::Test {
 protected:
  // The Script travels to Create through the config's schema pointer: a test-only shortcut.
  void Add(SinkSet& sinks, const std::string& name, Script& script,
           SinkDeliveryOptions options = {}) {
    options.initial_backoff = 1ms;
    options.max_backoff = 4ms;
    auto config = std::make_unique<mensor_config>(YAML::Node(YAML::NodeType::Map), "runtime.yaml",
                                                  true, nullptr);
    config->schema = reinterpret_cast<const mensor_config_schema*>(&script);
    sinks.Create(name, kDesc, std::move(config), "test-lib", options);
  }
  static std::vector<MeasuredSample> One() { return {MeasuredSample{"m", "", true, 1, 0, {}}}; }
  static SinkStats StatsOf(const SinkSet& sinks, const std::string& name) {
    for (const auto& [sink, stats] : sinks.Stats()) {
      if (sink == name) return stats;
    }
    return {};
  }
};

TEST_F(SinkDeliveryTest, ABlockedSinkDelaysNeitherWritersNorOtherSinks) {
  Script blocked, healthy;
  blocked.hold = true;
  SinkSet sinks;
  Add(sinks, "blocked", blocked);
  Add(sinks, "healthy", healthy);
  sinks.StartAll();
  for (int i = 0; i < 20; ++i) sinks.Write("scope-" + std::to_string(i), One());
  ASSERT_TRUE(WaitFor([&] { return healthy.Delivered().size() == 20; }));
  ASSERT_TRUE(WaitFor([&] { return blocked.in_write.load() == 1; }));
  EXPECT_EQ(blocked.Delivered().size(), 0u);
  EXPECT_EQ(StatsOf(sinks, "blocked").queue_depth, 19u);  // one is inside write()
  blocked.Release();
  ASSERT_TRUE(WaitFor([&] { return blocked.Delivered().size() == 20; }));
  EXPECT_EQ(blocked.Delivered(), healthy.Delivered());  // order kept
}

TEST_F(SinkDeliveryTest, AFullQueueDropsTheOldestBatchesAndCountsThem) {
  Script slow;
  slow.hold = true;
  SinkSet sinks;
  SinkDeliveryOptions options;
  options.max_queued_samples = 3;
  Add(sinks, "slow", slow, options);
  sinks.StartAll();
  sinks.Write("first", One());
  ASSERT_TRUE(WaitFor([&] { return slow.in_write.load() == 1; }));
  for (int i = 1; i <= 5; ++i) sinks.Write("later-" + std::to_string(i), One());
  EXPECT_EQ(StatsOf(sinks, "slow").samples_dropped, 2u);
  EXPECT_EQ(StatsOf(sinks, "slow").queue_depth, 3u);
  slow.Release();
  sinks.StopAll();
  EXPECT_EQ(slow.Delivered(), (std::vector<std::string>{"first", "later-3", "later-4", "later-5"}));
  EXPECT_EQ(StatsOf(sinks, "slow").samples_written, 4u);
}

TEST_F(SinkDeliveryTest, RetryableFailuresAreRetriedUntilTheyPass) {
  Script flaky;
  flaky.fail_times = 3;
  flaky.fail_with = MENSOR_E_THROTTLED;
  SinkSet sinks;
  Add(sinks, "flaky", flaky);
  sinks.StartAll();
  sinks.Write("only", One());
  ASSERT_TRUE(WaitFor([&] { return flaky.Delivered().size() == 1; }));
  const SinkStats stats = StatsOf(sinks, "flaky");
  EXPECT_EQ(stats.retries, 3u);
  EXPECT_EQ(stats.samples_written, 1u);
  EXPECT_EQ(stats.samples_failed, 0u);
  EXPECT_EQ(flaky.attempts.load(), 4);
}

TEST_F(SinkDeliveryTest, PermanentFailuresAreNotRetried) {
  Script broken;
  broken.fail_times = 1;
  broken.fail_with = MENSOR_E_INVALID_ARGUMENT;
  SinkSet sinks;
  Add(sinks, "broken", broken);
  sinks.StartAll();
  sinks.Write("rejected", One());
  sinks.Write("accepted", One());
  sinks.StopAll();
  EXPECT_EQ(broken.Delivered(), std::vector<std::string>{"accepted"});
  EXPECT_EQ(StatsOf(sinks, "broken").samples_failed, 1u);
  EXPECT_EQ(StatsOf(sinks, "broken").retries, 0u);
}

TEST_F(SinkDeliveryTest, StopAllFlushesWhatIsQueued) {
  Script sink;
  SinkSet sinks;
  Add(sinks, "sink", sink);
  sinks.StartAll();
  for (int i = 0; i < 100; ++i) sinks.Write("s" + std::to_string(i), One());
  sinks.StopAll(10s);
  EXPECT_EQ(sink.Delivered().size(), 100u);
  EXPECT_EQ(sink.lifecycle, (std::vector<std::string>{"stop", "destroy"}));
}

TEST_F(SinkDeliveryTest, StopAllCancelsAWriteThatOutlivesTheDeadline) {
  Script stuck, healthy;
  stuck.hold = true;
  SinkSet sinks;
  Add(sinks, "stuck", stuck);
  Add(sinks, "healthy", healthy);
  sinks.StartAll();
  sinks.Write("a", One());
  sinks.Write("b", One());
  ASSERT_TRUE(WaitFor([&] { return stuck.in_write.load() == 1; }));
  sinks.StopAll(50ms);
  EXPECT_EQ(healthy.Delivered().size(), 2u);
  EXPECT_EQ(stuck.Delivered().size(), 0u);
  EXPECT_EQ(StatsOf(sinks, "stuck").samples_failed, 2u);
  EXPECT_EQ(stuck.lifecycle, (std::vector<std::string>{"stop", "destroy"}));
}

TEST_F(SinkDeliveryTest, AWriteIgnoringCancellationIsLeftBehindWithoutStopOrDestroy) {
  auto* stuck = new Script;  // leaked on purpose: the abandoned thread may still touch it
  stuck->hold = true;
  stuck->ignore_cancellation = true;
  SinkSet sinks;
  Add(sinks, "stuck", *stuck);
  sinks.StartAll();
  sinks.Write("a", One());
  ASSERT_TRUE(WaitFor([&] { return stuck->in_write.load() == 1; }));
  sinks.StopAll(10ms);
  {
    std::lock_guard lock(stuck->mutex);
    EXPECT_TRUE(stuck->lifecycle.empty());
  }
  stuck->ignore_cancellation = false;  // let the abandoned thread finish
  stuck->Release();
}

TEST_F(SinkDeliveryTest, StatsBecomeSelfMetricsPerSink) {
  SinkStats stats;
  stats.samples_written = 7;
  stats.samples_dropped = 2;
  stats.queue_depth = 3;
  const auto samples = SinkStatsSamples({{"statsd", stats}}, 42);
  auto find = [&](const std::string& name) -> const MeasuredSample* {
    for (const auto& sample : samples) {
      if (sample.name == name) return &sample;
    }
    return nullptr;
  };
  ASSERT_NE(find("mensor_sink_samples_written_total"), nullptr);
  EXPECT_EQ(find("mensor_sink_samples_written_total")->value, 7);
  EXPECT_TRUE(find("mensor_sink_samples_written_total")->counter);
  EXPECT_EQ(find("mensor_sink_samples_dropped_total")->value, 2);
  EXPECT_EQ(find("mensor_sink_queue_depth")->value, 3);
  EXPECT_FALSE(find("mensor_sink_queue_depth")->counter);
  ASSERT_NE(find("mensor_sink_samples_failed_total"), nullptr);
  ASSERT_NE(find("mensor_sink_last_write_duration_seconds"), nullptr);
  for (const auto& sample : samples) {
    EXPECT_EQ(sample.labels, (LabelList{{"sink", "statsd"}}));
    EXPECT_EQ(sample.timestamp_unix_ns, 42);
  }
}

}  // namespace
}  // namespace mensor::agent

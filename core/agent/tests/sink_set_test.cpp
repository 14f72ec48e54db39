#include "mensor/agent/sink_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/host_api.hpp"

namespace mensor::agent {
namespace {

// Tiny sinks written directly against the C ABI, as a plugin without the SDK would be. They log
// what happens to them in one process-wide journal.
std::mutex journal_mutex;
std::vector<std::string> journal;

void Note(std::string event) {
  std::lock_guard lock(journal_mutex);
  journal.push_back(std::move(event));
}

std::vector<std::string> Journal() {
  std::lock_guard lock(journal_mutex);
  return journal;
}

std::string Str(mensor_str text) { return std::string(text.ptr, text.len); }
mensor_str View(const char* text) { return mensor_str{text, std::strlen(text)}; }

struct Instance {
  std::string name;
};

// `Name` tells the instances apart in the journal; `kFail` makes write fail.
template <const char* kName, bool kFail>
struct TestSink {
  // Writes in progress, and whether two ever overlapped (T2: they must not without the flag).
  static inline std::atomic<int> in_write{0};
  static inline std::atomic<bool> overlapped{false};

  static mensor_status Create(mensor_host_ctx*, const mensor_config*, mensor_call*, void** out) {
    *out = new Instance{kName};
    Note(std::string("create ") + kName);
    return MENSOR_OK;
  }
  static void Destroy(void* instance) {
    Note(std::string("destroy ") + kName);
    delete static_cast<Instance*>(instance);
  }
  static mensor_status Start(void*, mensor_call*) {
    Note(std::string("start ") + kName);
    return MENSOR_OK;
  }
  static void Stop(void*) { Note(std::string("stop ") + kName); }
  static mensor_status Write(void*, mensor_call* call, const mensor_batch* batch) {
    if (in_write.fetch_add(1) != 0) overlapped = true;
    const mensor_host_api* host = plugin::HostApi();
    std::string event = std::string("write ") + kName + " " + Str(host->batch_scope(batch));
    for (size_t i = 0; i < host->batch_len(batch); ++i) {
      mensor_sample sample{};
      sample.struct_size = sizeof(sample);
      if (host->batch_at(batch, i, &sample) != MENSOR_OK) return MENSOR_E_INTERNAL;
      event += " " + Str(sample.name) + "=" + std::to_string(static_cast<int>(sample.value));
      for (size_t l = 0; l < sample.label_count; ++l) {
        event += " " + Str(sample.labels[l].name) + ":" + Str(sample.labels[l].value);
      }
    }
    Note(event);
    std::this_thread::yield();  // widen the window in which an overlap would be seen
    in_write.fetch_sub(1);
    if (kFail) return host->set_error(call, MENSOR_E_INTERNAL, View("disk full"));
    return MENSOR_OK;
  }
  static const mensor_sink_desc* Desc() {
    static const mensor_sink_desc desc{
        sizeof(mensor_sink_desc), kName, "test", nullptr, 0, Create, Destroy, Start, Write, Stop};
    return &desc;
  }
};

constexpr char kFirst[] = "first";
constexpr char kSecond[] = "second";
using FailingSink = TestSink<kFirst, true>;
using RecordingSink = TestSink<kSecond, false>;

class SinkSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::lock_guard lock(journal_mutex);
    journal.clear();
  }
  static std::unique_ptr<mensor_config> EmptyConfig() {
    return std::make_unique<mensor_config>(YAML::Node(YAML::NodeType::Map), "runtime.yaml", true,
                                           nullptr);
  }
  static std::vector<MeasuredSample> Samples() {
    return {MeasuredSample{"m", "help", true, 3, 1, {{"k", "v"}}}};
  }
};

TEST_F(SinkSetTest, FailingSinkDoesNotStopTheNextOne) {
  SinkSet sinks;
  sinks.Create("first", *FailingSink::Desc(), EmptyConfig(), "test-lib");
  sinks.Create("second", *RecordingSink::Desc(), EmptyConfig(), "test-lib");
  sinks.StartAll();
  sinks.Write("scope-1", Samples());
  sinks.Write("scope-2", Samples());
  sinks.StopAll();  // delivers what is queued
  const auto events = Journal();
  EXPECT_EQ(std::count(events.begin(), events.end(), "write first scope-1 m=3 k:v"), 1);
  EXPECT_EQ(std::count(events.begin(), events.end(), "write second scope-1 m=3 k:v"), 1);
  EXPECT_EQ(std::count(events.begin(), events.end(), "write second scope-2 m=3 k:v"), 1);
  EXPECT_EQ(sinks.Names(), (std::vector<std::string>{"first", "second"}));
  const auto stats = sinks.Stats();
  EXPECT_EQ(stats[0].second.samples_failed, 2u);  // a permanent error is not retried
  EXPECT_EQ(stats[0].second.retries, 0u);
  EXPECT_EQ(stats[1].second.samples_written, 2u);
  EXPECT_EQ(stats[1].second.writes, 2u);
}

TEST_F(SinkSetTest, StopAllStopsAndDestroysInReverseOrderOnce) {
  {
    SinkSet sinks;
    sinks.Create("first", *FailingSink::Desc(), EmptyConfig(), "test-lib");
    sinks.Create("second", *RecordingSink::Desc(), EmptyConfig(), "test-lib");
    sinks.StartAll();
    sinks.StopAll();
    sinks.StopAll();
    sinks.Write("late", Samples());  // after StopAll: reaches no sink
  }                                  // the destructor must not stop or destroy again
  EXPECT_EQ(Journal(), (std::vector<std::string>{"create first", "create second", "start first",
                                                 "start second", "stop second", "destroy second",
                                                 "stop first", "destroy first"}));
}

TEST_F(SinkSetTest, UnstartedSinksAreDestroyedWithoutStop) {
  {
    SinkSet sinks;
    sinks.Create("second", *RecordingSink::Desc(), EmptyConfig(), "test-lib");
  }
  EXPECT_EQ(Journal(), (std::vector<std::string>{"create second", "destroy second"}));
}

mensor_status RefuseCreate(mensor_host_ctx*, const mensor_config*, mensor_call* call, void**) {
  return plugin::HostApi()->set_error(call, MENSOR_E_CONFIG, View("path is required"));
}

TEST_F(SinkSetTest, CreateFailureThrowsWithThePluginsMessage) {
  mensor_sink_desc desc = *RecordingSink::Desc();
  desc.create = RefuseCreate;
  SinkSet sinks;
  try {
    sinks.Create("broken", desc, EmptyConfig(), "test-lib");
    FAIL() << "Create should throw";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("path is required"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("broken"), std::string::npos);
  }
  EXPECT_EQ(sinks.size(), 0u);
}

TEST_F(SinkSetTest, WritesToASinkWithoutConcurrentFlagAreSerialised) {
  RecordingSink::overlapped = false;
  SinkSet sinks;
  sinks.Create("second", *RecordingSink::Desc(), EmptyConfig(), "test-lib");
  sinks.StartAll();
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&sinks, t] {
      for (int i = 0; i < 200; ++i) sinks.Write("scope-" + std::to_string(t), Samples());
    });
  }
  for (auto& writer : writers) writer.join();
  sinks.StopAll();
  const auto events = Journal();
  EXPECT_EQ(std::count_if(events.begin(), events.end(),
                          [](const std::string& e) { return e.rfind("write", 0) == 0; }),
            800);
  EXPECT_FALSE(RecordingSink::overlapped);
}

}  // namespace
}  // namespace mensor::agent

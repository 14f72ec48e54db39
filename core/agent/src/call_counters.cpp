#include "mensor/agent/call_counters.hpp"

#include <chrono>
#include <vector>

namespace mensor::agent {
namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

const char* CallKindName(CallKind kind) {
  switch (kind) {
    case CallKind::kMetrics:
      return "metrics";
    case CallKind::kBatch:
      return "batch";
    case CallKind::kDefinitions:
      return "definitions";
    case CallKind::kResource:
      return "resource";
    case CallKind::kResourceGraph:
      return "resource_graph";
  }
  return "unknown";
}

CallCounters::CallCounters(SampleWriter& writer, SelfMetrics& self)
    : writer_(writer), self_(self) {}

void CallCounters::CountCall(CallKind kind, int status) {
  std::lock_guard lock(mutex_);
  ++calls_[{CallKindName(kind), status == 0 ? "error" : std::to_string(status)}];
}

void CallCounters::RecordArmResponse(const std::string& subscription_id, int64_t remaining,
                                     bool throttled) {
  self_.RecordArmResponse(subscription_id, remaining, throttled, NowNs());
}

void CallCounters::CountTruncated(const std::string& metric_name,
                                  const std::string& resource_type) {
  std::lock_guard lock(mutex_);
  ++truncated_[{metric_name, resource_type}];
}

void CallCounters::RecordCycle(const std::string& schedule, double seconds) {
  writer_.Write("mensor/self/cycle/" + schedule,
                {MeasuredSample{"mensor_scrape_cycle_duration_seconds",
                                "Wall time of the last scrape cycle of the schedule", true, seconds,
                                NowNs(), LabelList{{"schedule", schedule}}}});
}

void CallCounters::Flush() {
  std::vector<MeasuredSample> calls;
  std::vector<MeasuredSample> truncated;
  const int64_t now = NowNs();
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : calls_) {
      MeasuredSample sample{"mensor_azure_calls_total",
                            "Azure calls answered, by kind and HTTP status (error: no answer)",
                            true,
                            static_cast<double>(count),
                            now,
                            {{"kind", key.first}, {"status", key.second}}};
      sample.counter = true;
      calls.push_back(std::move(sample));
    }
    for (const auto& [key, count] : truncated_) {
      MeasuredSample sample{"mensor_azure_series_truncated_total",
                            "Answers that returned exactly `top` series, so some were cut",
                            true,
                            static_cast<double>(count),
                            now,
                            {{"metric_name", key.first}, {"resource_type", key.second}}};
      sample.counter = true;
      truncated.push_back(std::move(sample));
    }
  }
  if (!calls.empty()) writer_.Write("mensor/self/calls", std::move(calls));
  if (!truncated.empty()) writer_.Write("mensor/self/truncated", std::move(truncated));
}

}  // namespace mensor::agent

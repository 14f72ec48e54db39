#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "mensor/agent/sample_writer.hpp"
#include "mensor/agent/self_metrics.hpp"

namespace mensor::agent {

enum class CallKind { kMetrics, kBatch, kDefinitions, kResource, kResourceGraph };

/// "metrics", "batch", "definitions", "resource": the `kind` label of mensor_azure_calls_total.
const char* CallKindName(CallKind kind);

/// Mensor's own scale metrics, beside Promitor's: Azure calls by kind and status
/// (mensor_azure_calls_total), the duration of each schedule's last scrape cycle
/// (mensor_scrape_cycle_duration_seconds) and answers cut at `top`
/// (mensor_azure_series_truncated_total); ARM's remaining reads go on to SelfMetrics (Promitor's
/// promitor_ratelimit_arm*). Counts are kept here and written to the sinks once per cycle
/// (Flush), not per call, so a cycle of thousands of calls costs the sinks one write.
///
/// Thread-safe.
class CallCounters {
 public:
  CallCounters(SampleWriter& writer, SelfMetrics& self);

  void CountCall(CallKind kind, int status);
  /// remaining < 0: the answer carried no x-ms-ratelimit-remaining-subscription-reads.
  void RecordArmResponse(const std::string& subscription_id, int64_t remaining, bool throttled);
  void CountTruncated(const std::string& metric_name, const std::string& resource_type);
  void RecordCycle(const std::string& schedule, double seconds);
  /// Writes the counters to the sinks.
  void Flush();

 private:
  SampleWriter& writer_;
  SelfMetrics& self_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, uint64_t> calls_;      // (kind, status)
  std::map<std::pair<std::string, std::string>, uint64_t> truncated_;  // (metric, type)
};

}  // namespace mensor::agent

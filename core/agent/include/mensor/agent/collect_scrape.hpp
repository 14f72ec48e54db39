#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "mensor/agent/sample_writer.hpp"
#include "mensor/agent/scrape_target.hpp"
#include "mensor/agent/self_metrics.hpp"

namespace mensor::agent {

/// What a plugin's collect() needs from the host besides the target.
struct CollectEnvironment {
  std::string storage_suffix;          // the cloud's, e.g. core.windows.net
  std::string log_analytics_endpoint;  // the cloud's, e.g. https://api.loganalytics.io
  std::chrono::milliseconds timeout{30000};
  const std::atomic<bool>* cancelled = nullptr;  // the agent's shutdown flag
};

/// Scrapes a target whose resource type collects its own values (target.collect set): calls the
/// plugin on this thread (it may block on HTTP), labels each reported value like a metric series
/// and writes them to the sinks under the same scope a metrics scrape would use. A failing
/// collect logs one line and keeps the previous values. Returns whether it succeeded.
bool RunCollect(const ScrapeTarget& target, const CollectEnvironment& environment,
                SampleWriter& sinks, SelfMetrics& self, std::chrono::system_clock::time_point now,
                bool log_failures = true);

}  // namespace mensor::agent

#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "mensor/agent/http_api.hpp"
#include "mensor/agent/metrics_scraper.hpp"

namespace mensor::agent {

/// One schedule's set of targets, scraped together each time the schedule fires. A run that is
/// still going when the schedule fires again is not doubled up: the new firing is skipped with a
/// warning (Promitor lets runs pile up). Completion updates the health check's freshness.
///
/// Start may be called from any thread; completions arrive on worker threads.
class ScrapeRun {
 public:
  ScrapeRun(std::string schedule, std::vector<std::shared_ptr<const ScrapeTarget>> targets,
            MetricsScraper& scraper, Freshness& freshness);

  void Start();
  void Stop() { stopped_ = true; }

 private:
  void Finish();

  std::string schedule_;
  std::vector<std::shared_ptr<const ScrapeTarget>> targets_;
  MetricsScraper& scraper_;
  Freshness& freshness_;
  std::atomic<bool> running_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<size_t> pending_{0};
  std::atomic<size_t> failed_{0};
  std::chrono::steady_clock::time_point started_;
};

}  // namespace mensor::agent

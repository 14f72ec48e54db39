#include "mensor/agent/scrape_run.hpp"

#include <spdlog/spdlog.h>

namespace mensor::agent {

ScrapeRun::ScrapeRun(std::string schedule, std::vector<std::shared_ptr<const ScrapeTarget>> targets,
                     MetricsScraper& scraper, Freshness& freshness)
    : schedule_(std::move(schedule)),
      targets_(std::move(targets)),
      scraper_(scraper),
      freshness_(freshness) {}

void ScrapeRun::Start() {
  if (stopped_ || targets_.empty()) return;
  if (running_.exchange(true)) {
    spdlog::warn("schedule '{}': the previous run is still going; skipping this one", schedule_);
    return;
  }
  started_ = std::chrono::steady_clock::now();
  failed_ = 0;
  pending_ = targets_.size();
  // Finish runs once every target has its outcome, even if the cycle reports them early.
  ++pending_;
  scraper_.ScrapeAll(
      targets_,
      [this](bool success) {
        if (!success) ++failed_;
        if (--pending_ == 0) Finish();
      },
      [this] {
        if (--pending_ == 0) Finish();
      });
}

void ScrapeRun::Finish() {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  spdlog::info("schedule '{}': scraped {} target(s) in {:.3f}s, {} failed", schedule_,
               targets_.size(), seconds, failed_.load());
  scraper_.RecordCycle(schedule_, seconds);
  freshness_.Touch();
  running_ = false;
}

}  // namespace mensor::agent

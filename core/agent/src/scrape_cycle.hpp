// One scrape cycle of the MetricsScraper: definitions, regions, plan, calls, delivery.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mensor/agent/metrics_scraper.hpp"
#include "mensor/agent/request_planner.hpp"

namespace mensor::agent {

/// Runs the phases of one cycle in order, each as concurrent calls whose last completion starts
/// the next phase: (1) metric definitions, once per resource type whose grain is not known yet;
/// (2) with batching, the region of each resource not looked up yet: Resource Graph queries by
/// (subscription, type), then ARM GETs for what they did not answer and for silent resources;
/// (3) the planned metric calls.
/// A target that fails in a phase is reported and left out of the later ones. Every target's
/// `done` runs exactly once, then `finished`. Lives as long as a phase holds a reference.
class ScrapeCycle : public std::enable_shared_from_this<ScrapeCycle> {
 public:
  ScrapeCycle(MetricsScraper& scraper, std::vector<std::shared_ptr<const ScrapeTarget>> targets,
              MetricsScraper::Done done, std::function<void()> finished);

  void Start();

 private:
  struct Slot {
    std::shared_ptr<const ScrapeTarget> target;
    bool settled = false;
    // Looked up once per cycle (each is a string key and a locked map): unset = not known yet.
    std::optional<std::chrono::seconds> grain;
    std::string region;
  };

  void LoadDefinitions();
  void OnDefinitions(const std::string& resource_type, const net::ClientResponse& response);
  using Next = std::function<void()>;
  struct GraphGroup;
  /// Regions in bulk: one Resource Graph query per (subscription, resource type) whose
  /// resources' regions are unknown, page after page (scrape_cycle_graph.cpp).
  void QueryResourceGraph();
  void QueryGraphPage(std::shared_ptr<GraphGroup> group, std::optional<std::string> skip_token,
                      const Next& next);
  /// Stores the page's regions; the next page's skip token while there is one to ask for.
  std::optional<std::string> OnGraphPage(GraphGroup& group, const net::ClientResponse& response);
  /// One ARM GET per resource whose region is still unknown or that is due a silence check.
  void LookUpResources();
  void OnResourceLookup(const std::vector<std::shared_ptr<const ScrapeTarget>>& targets,
                        const net::ClientResponse& response);
  void SendPlannedCalls();
  /// Sends one planned call as part of the current phase.
  void Send(std::shared_ptr<const PlannedCall> planned, const Next& next);
  void OnMetrics(const PlannedCall& call, const net::ClientResponse& response, const Next& next);
  AzureCall MetricsCall(const PlannedCall& call) const;

  void Settle(const ScrapeTarget& target, bool success);
  void FailAll(const std::vector<std::shared_ptr<const ScrapeTarget>>& targets,
               const std::string& reason, bool gone = false);
  /// Counts down a phase; the last one runs `next`.
  void PhaseDone(const std::function<void()>& next);
  void StartPhase(size_t calls);
  bool Settled(const ScrapeTarget& target);
  /// Fills each unsettled slot's grain from the cache where it is known.
  void FindGrains();

  MetricsScraper& scraper_;
  MetricsScraper::Done done_;
  std::function<void()> finished_;
  std::vector<Slot> slots_;
  std::unordered_map<const ScrapeTarget*, size_t> index_;
  std::mutex mutex_;
  std::atomic<size_t> phase_pending_{0};
};

/// "HTTP 503: ServiceUnavailable: ..." naming the status and Azure's error, for failure logs.
std::string DescribeFailure(const net::ClientResponse& response);
/// A 2xx answer.
bool Ok(const net::ClientResponse& response);
/// The subscription a target's calls are paced and counted under.
std::string SubscriptionOf(const ScrapeTarget& target);

}  // namespace mensor::agent

#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "mensor/agent/request_planner.hpp"

namespace mensor::agent {

/// The plans of the last cycles, reused while a cycle's due targets, their grains and regions
/// and the planner options are what they were: comparing 50,000 inputs is a fraction of
/// planning them again (resource ids parsed and normalised, groups keyed by strings), and the
/// plan is on the path before the first call leaves. Thread-safe.
class PlanCache {
 public:
  using Calls = std::vector<std::shared_ptr<const PlannedCall>>;

  /// The plan stored for exactly these inputs and options, or null.
  std::shared_ptr<const Calls> Find(std::span<const PlanInput> inputs,
                                    const PlanOptions& options) const;
  /// Remembers `calls` for these inputs; the least recently used of kMaxPlans goes.
  void Store(std::span<const PlanInput> inputs, const PlanOptions& options,
             std::shared_ptr<const Calls> calls);

 private:
  // One per schedule is what a steady agent needs; a few more absorb retries of a subset.
  static constexpr size_t kMaxPlans = 8;
  struct Input {
    // The plan's calls hold the target, so the address cannot be reused while cached.
    const ScrapeTarget* target;
    std::chrono::seconds grain;
    std::string region;
  };
  struct Plan {
    std::vector<Input> inputs;
    bool batching;
    size_t max_batch_size;
    std::shared_ptr<const Calls> calls;
    uint64_t used;
  };
  static bool Matches(const Plan& plan, std::span<const PlanInput> inputs,
                      const PlanOptions& options);

  mutable std::mutex mutex_;
  mutable std::vector<Plan> plans_;
  mutable uint64_t clock_ = 0;
};

}  // namespace mensor::agent

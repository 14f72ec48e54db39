#include "mensor/agent/plan_cache.hpp"

#include <algorithm>

namespace mensor::agent {

bool PlanCache::Matches(const Plan& plan, std::span<const PlanInput> inputs,
                        const PlanOptions& options) {
  if (plan.batching != options.batching || plan.max_batch_size != options.max_batch_size ||
      plan.inputs.size() != inputs.size()) {
    return false;
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Input& known = plan.inputs[i];
    if (known.target != inputs[i].target.get() || known.grain != inputs[i].grain ||
        known.region != inputs[i].region) {
      return false;
    }
  }
  return true;
}

std::shared_ptr<const PlanCache::Calls> PlanCache::Find(std::span<const PlanInput> inputs,
                                                       const PlanOptions& options) const {
  std::lock_guard lock(mutex_);
  for (Plan& plan : plans_) {
    if (!Matches(plan, inputs, options)) continue;
    plan.used = ++clock_;
    return plan.calls;
  }
  return nullptr;
}

void PlanCache::Store(std::span<const PlanInput> inputs, const PlanOptions& options,
                      std::shared_ptr<const Calls> calls) {
  Plan plan{{}, options.batching, options.max_batch_size, std::move(calls), 0};
  plan.inputs.reserve(inputs.size());
  for (const PlanInput& input : inputs) {
    plan.inputs.push_back(Input{input.target.get(), input.grain, input.region});
  }
  std::lock_guard lock(mutex_);
  plan.used = ++clock_;
  if (plans_.size() < kMaxPlans) {
    plans_.push_back(std::move(plan));
    return;
  }
  *std::min_element(plans_.begin(), plans_.end(), [](const Plan& a, const Plan& b) {
    return a.used < b.used;
  }) = std::move(plan);
}

}  // namespace mensor::agent

#include "mensor/agent/silent_resources.hpp"

#include <algorithm>

namespace mensor::agent {

void SilentResources::Record(std::string_view resource_id, bool silent) {
  std::lock_guard lock(mutex_);
  auto found = states_.find(resource_id);
  if (!silent) {
    if (found != states_.end()) states_.erase(found);
  } else {
    if (found == states_.end()) {
      found = states_.emplace(azure::NormalizeResourceId(resource_id), State{0, threshold_}).first;
    }
    ++found->second.silent;
  }
  tracked_.store(states_.size(), std::memory_order_release);
}

bool SilentResources::Due(std::string_view resource_id) const {
  if (tracked_.load(std::memory_order_acquire) == 0) return false;
  std::lock_guard lock(mutex_);
  const auto found = states_.find(resource_id);
  return found != states_.end() && found->second.silent >= found->second.check_at;
}

void SilentResources::Exists(std::string_view resource_id) {
  std::lock_guard lock(mutex_);
  const auto found = states_.find(resource_id);
  if (found == states_.end()) return;
  State& state = found->second;
  state.check_at = state.silent + std::clamp(state.silent, 1, kMaxSpacing);
}

}  // namespace mensor::agent

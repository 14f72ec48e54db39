#include "mensor/agent/region_cache.hpp"

#include "mensor/azure/resource_id.hpp"

namespace mensor::agent {

std::optional<std::string> RegionCache::Find(std::string_view resource_id) const {
  std::lock_guard lock(mutex_);
  const auto found = regions_.find(resource_id);
  if (found == regions_.end()) return std::nullopt;
  return found->second;
}

void RegionCache::Store(std::string_view resource_id, std::string region) {
  const std::string key = azure::NormalizeResourceId(resource_id);
  std::lock_guard lock(mutex_);
  regions_[key] = std::move(region);
}

}  // namespace mensor::agent

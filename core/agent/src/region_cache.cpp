#include "mensor/agent/region_cache.hpp"

#include "mensor/azure/resource_id.hpp"

namespace mensor::agent {

std::optional<std::string> RegionCache::Find(const std::string& resource_id) const {
  const std::string key = azure::NormalizeResourceId(resource_id);
  std::lock_guard lock(mutex_);
  const auto found = regions_.find(key);
  if (found == regions_.end()) return std::nullopt;
  return found->second;
}

void RegionCache::Store(const std::string& resource_id, std::string region) {
  const std::string key = azure::NormalizeResourceId(resource_id);
  std::lock_guard lock(mutex_);
  regions_[key] = std::move(region);
}

}  // namespace mensor::agent

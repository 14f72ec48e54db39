#include "mensor/agent/grain_cache.hpp"

#include "mensor/util/strings.hpp"

namespace mensor::agent {

std::string GrainCache::Key(const std::string& resource_type, const std::string& metric_name,
                            std::chrono::seconds requested) {
  // Azure matches metric names case-insensitively, so the cache does too.
  return resource_type + '\n' + util::ToLowerAscii(metric_name) + '\n' +
         std::to_string(requested.count());
}

std::optional<std::chrono::seconds> GrainCache::Find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  if (auto it = grains_.find(key); it != grains_.end()) return it->second;
  return std::nullopt;
}

void GrainCache::Store(const std::string& key, std::chrono::seconds grain) {
  std::lock_guard lock(mutex_);
  grains_[key] = grain;
}

}  // namespace mensor::agent

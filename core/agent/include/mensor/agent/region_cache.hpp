#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace mensor::agent {

/// Each resource's region, looked up once through the ARM resource GET: getBatch answers only
/// for the resources of the regional host it is sent to. Keys are resource ids compared
/// case-insensitively. Thread-safe.
class RegionCache {
 public:
  std::optional<std::string> Find(const std::string& resource_id) const;
  void Store(const std::string& resource_id, std::string region);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> regions_;
};

}  // namespace mensor::agent

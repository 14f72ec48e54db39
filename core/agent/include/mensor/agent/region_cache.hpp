#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mensor/azure/resource_id.hpp"

namespace mensor::agent {

/// Each resource's region, looked up once (Resource Graph, else the ARM resource GET): getBatch
/// answers only for the resources of the regional host it is sent to. Keys are resource ids compared
/// case-insensitively. Thread-safe.
class RegionCache {
 public:
  std::optional<std::string> Find(std::string_view resource_id) const;
  void Store(std::string_view resource_id, std::string region);

 private:
  mutable std::mutex mutex_;
  // Looked up by the id as configured (any case, with or without slashes), without a copy:
  // once per target and cycle.
  std::unordered_map<std::string, std::string, azure::ResourceIdKeyHash, azure::ResourceIdKeyEqual>
      regions_;
};

}  // namespace mensor::agent

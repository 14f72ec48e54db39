#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace mensor::agent {

/// The aggregation interval to query for (resource type, metric, requested interval), learnt from
/// Azure Monitor's metric definitions. Azure rejects an interval a metric does not offer, so
/// Promitor snaps to the closest offered one; the answer is the same for every resource of a type,
/// so it is cached per type (Promitor caches per resource, costing a call per resource and hour).
///
/// Thread-safe.
class GrainCache {
 public:
  static std::string Key(const std::string& resource_type, const std::string& metric_name,
                         std::chrono::seconds requested);

  std::optional<std::chrono::seconds> Find(const std::string& key) const;
  void Store(const std::string& key, std::chrono::seconds grain);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::chrono::seconds> grains_;
};

}  // namespace mensor::agent

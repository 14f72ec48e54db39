// Azure Resource Graph, `POST /providers/Microsoft.ResourceGraph/resources?api-version=…`: the
// world's resources queried with the subset of KQL in graph_query.hpp, scoped by subscription,
// paged by $top and an opaque $skipToken, under the per-user quota (graph_quota.hpp).
#pragma once

#include <string>

#include "graph_quota.hpp"
#include "http_types.hpp"
#include "world.hpp"

namespace mensor::sim {

class ResourceGraphApi {
 public:
  explicit ResourceGraphApi(const World& world) : world_(world) {}

  // Authentication happens before this; `caller` is whom the quota is counted for. Every answer
  // carries the quota headers.
  SimResponse Handle(const SimRequest& request, const std::string& caller, TimePoint now);
  void Reset() { quota_.Reset(); }

 private:
  SimResponse Answer(const SimRequest& request, TimePoint now) const;

  const World& world_;
  GraphQuota quota_;
};

}  // namespace mensor::sim

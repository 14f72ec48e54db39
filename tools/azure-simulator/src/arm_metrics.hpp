// ARM routes `{resourceUri}/providers/Microsoft.Insights/{metrics|metricDefinitions|
// metricNamespaces}` and their responses. Authentication and throttling happen before this.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http_types.hpp"
#include "metrics_query.hpp"
#include "world.hpp"

namespace mensor::sim {

struct ArmRoute {
  std::string resource_id;  // "/subscriptions/…", as requested.
  ArmOperation operation;
};

// Matches the provider segment case-insensitively, as ARM does; nothing for other paths.
std::optional<ArmRoute> MatchArmMetricsRoute(std::string_view path);

class ArmMetricsApi {
 public:
  explicit ArmMetricsApi(const World& world) : world_(world) {}

  SimResponse Handle(const SimRequest& request, const ArmRoute& route, TimePoint now) const;

 private:
  std::string Metrics(const SimRequest& request, const ArmRoute& route, const ResourceType& type,
                      const ResourceState& resource, TimePoint now) const;

  const World& world_;
};

}  // namespace mensor::sim

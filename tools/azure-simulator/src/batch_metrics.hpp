// The metrics data plane's `POST /{region}/subscriptions/{sub}/metrics:getBatch` (the regional
// host `https://{region}.metrics.monitor.azure.com` is served under a `/{region}` path prefix, so
// one listener stands in for every region). Authentication and throttling happen before this.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http_types.hpp"
#include "world.hpp"

namespace mensor::sim {

struct BatchRoute {
  std::string region;  // lower-cased
  std::string subscription;
};

// Matches "/{region}/subscriptions/{sub}/metrics:getBatch" (case-insensitive operation).
std::optional<BatchRoute> MatchBatchRoute(std::string_view path);

class BatchMetricsApi {
 public:
  explicit BatchMetricsApi(const World& world) : world_(world) {}

  // Validates like Azure (POST, api-version, starttime/endtime only, metricnamespace, a body of at
  // most 50 unique `resourceids` of the path's subscription and the namespace's type) and answers
  // one item per id. Ids whose resource lives in another region come back with empty timeseries,
  // as Azure does; errors are wrapped and carry x-ms-error-code.
  SimResponse Handle(const SimRequest& request, const BatchRoute& route, TimePoint now) const;

 private:
  const World& world_;
};

}  // namespace mensor::sim

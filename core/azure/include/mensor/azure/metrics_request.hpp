#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mensor/azure/aggregation.hpp"
#include "mensor/azure/iso8601.hpp"
#include "mensor/azure/result.hpp"

namespace mensor::azure {

// Azure documents "Limit 20 metrics" per call in the 2023-10-01 spec; a planner merging metrics
// into one MetricsQuery/BatchQuery must not exceed it.
inline constexpr size_t kMaxMetricsPerQuery = 20;
// getBatch accepts at most 50 unique resource ids per call.
inline constexpr size_t kMaxBatchResourceIds = 50;

// One ARM `GET {resourceUri}/providers/Microsoft.Insights/metrics` call. Several metric names and
// aggregations are allowed so a planner can merge metrics of one resource into a single call.
struct MetricsQuery {
  std::string resource_id;  // without leading slash (a leading slash is tolerated)
  std::vector<std::string> metric_names;
  std::vector<Aggregation> aggregations;  // kNone entries are not sent
  std::chrono::seconds interval{60};      // <= 0 omits the parameter (Azure default PT1M)
  TimePoint start;
  TimePoint end;
  std::string filter;            // $filter; empty = none
  std::optional<int> top;        // only sent together with a filter
  std::string metric_namespace;  // optional; e.g. Microsoft.Storage/storageAccounts
  std::string order_by;          // optional; e.g. "average desc"; only with a filter
  std::string api_version = "2023-10-01";
};

// {arm}/{resourceUri}/providers/Microsoft.Insights/metrics?api-version=..&metricnames=..
//   &aggregation=..&interval=..&timespan=start/end[&metricnamespace=..][&$filter=..&top=..]
// Path slashes stay literal; every query value is percent-encoded (RFC 3986 unreserved kept).
// List separators are literal commas; a comma inside a metric name becomes `%2` before encoding
// (so `%252` on the wire, as the .NET SDK sends it). When only kNone aggregations are requested
// the `aggregation` parameter is omitted: Azure then returns the primary aggregation, which is
// harmless because kNone always reports 0 (Promitor's behaviour) and the call still tells us
// whether the series exist.
std::string BuildMetricsUrl(std::string_view arm_base, const MetricsQuery& query);

// {arm}/{resourceUri}/providers/Microsoft.Insights/metricDefinitions?api-version=..
//   [&metricnamespace=..]
std::string BuildMetricDefinitionsUrl(std::string_view arm_base, std::string_view resource_id,
                                      std::string_view metric_namespace = {},
                                      std::string_view api_version = "2023-10-01");

// {arm}/{resourceUri}/providers/microsoft.insights/metricNamespaces?api-version=2017-12-01-preview
std::string BuildMetricNamespacesUrl(std::string_view arm_base, std::string_view resource_id,
                                     std::string_view api_version = "2017-12-01-preview");

// The metricnames value: names joined by ',', inner commas written as `%2` (not yet URL-encoded).
std::string JoinMetricNames(std::span<const std::string> names);

// One data-plane `POST https://{region}.metrics.monitor.azure.com/subscriptions/{sub}/
// metrics:getBatch` call. All resources share subscription, region and resource type.
struct BatchQuery {
  std::string subscription_id;
  std::string metric_namespace;  // required by the service: the resource type
  std::vector<std::string> metric_names;
  std::vector<Aggregation> aggregations;  // kNone entries are not sent
  std::chrono::seconds interval{60};
  TimePoint start;         // sent as starttime; getBatch rejects `timespan`
  TimePoint end;           // sent as endtime
  std::string filter;      // sent as `filter` (no `$` on this API)
  std::optional<int> top;  // per resource and metric; only sent with a filter
  std::string order_by;
  std::string api_version = "2023-10-01";
};

// {host}/subscriptions/{sub}/metrics:getBatch?api-version=..&metricnamespace=..&metricnames=..
//   &aggregation=..&interval=..&starttime=..&endtime=..[&filter=..&top=..]
// `host` is MetricsBatchHost(cloud, region).
std::string BuildBatchUrl(std::string_view host, const BatchQuery& query);

// {"resourceids":["/subscriptions/...", ...]}: ids get a leading slash, duplicates (compared
// case-insensitively) are dropped, order is kept. Fails when empty or more than 50 remain.
Result<std::string> BuildBatchBody(std::span<const std::string> resource_ids);

}  // namespace mensor::azure

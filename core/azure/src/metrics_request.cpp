#include "mensor/azure/metrics_request.hpp"

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "mensor/azure/resource_id.hpp"
#include "mensor/util/url.hpp"
#include "strings.hpp"

namespace mensor::azure {
namespace {

using internal::StripSlashes;
using util::PercentEncode;
using util::PercentEncodePath;

// Accumulates `key=value` pairs; values are percent-encoded here, keys are written literally.
class QueryBuilder {
 public:
  explicit QueryBuilder(std::string base) : url_(std::move(base)) {}

  void Add(std::string_view key, std::string_view value) { AddRaw(key, PercentEncode(value)); }

  // For values already encoded item by item (comma-joined lists).
  void AddRaw(std::string_view key, std::string_view encoded) {
    url_.push_back(first_ ? '?' : '&');
    first_ = false;
    url_ += key;
    url_.push_back('=');
    url_ += encoded;
  }

  std::string Take() && { return std::move(url_); }

 private:
  std::string url_;
  bool first_ = true;
};

// A comma inside a metric name is written `%2` (metrics_API.json), before URL encoding.
std::string EscapeMetricName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ',') {
      out += "%2";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string EncodedMetricNames(std::span<const std::string> names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out.push_back(',');
    out += PercentEncode(EscapeMetricName(internal::Trim(name)));
  }
  return out;
}

// Comma-joined lower-case aggregation names without kNone and duplicates; "" when none remain.
std::string AggregationList(std::span<const Aggregation> aggregations) {
  std::string out;
  std::vector<Aggregation> seen;
  for (Aggregation a : aggregations) {
    if (a == Aggregation::kNone) continue;
    bool duplicate = false;
    for (Aggregation s : seen) duplicate = duplicate || s == a;
    if (duplicate) continue;
    seen.push_back(a);
    if (!out.empty()) out.push_back(',');
    out += ToQueryName(a);
  }
  return out;
}

std::string ResourceBase(std::string_view arm_base, std::string_view resource_id) {
  std::string url(internal::Trim(arm_base));
  while (!url.empty() && url.back() == '/') url.pop_back();
  url.push_back('/');
  url += PercentEncodePath(StripSlashes(internal::Trim(resource_id)));
  return url;
}

// Shared tail of both metrics APIs; `filter_key` is `$filter` on ARM and `filter` on getBatch.
void AddCommon(QueryBuilder& q, std::span<const std::string> metric_names,
               std::span<const Aggregation> aggregations, std::chrono::seconds interval,
               std::string_view filter_key, std::string_view filter, std::optional<int> top,
               std::string_view order_by) {
  q.AddRaw("metricnames", EncodedMetricNames(metric_names));
  const std::string aggregation = AggregationList(aggregations);
  if (!aggregation.empty()) q.AddRaw("aggregation", aggregation);
  if (interval.count() > 0) q.Add("interval", FormatDuration(interval));
  const std::string_view trimmed_filter = internal::Trim(filter);
  if (!trimmed_filter.empty()) {
    q.Add(filter_key, trimmed_filter);
    // `top` and `orderby` only act on filtered queries; Azure rejects or ignores them otherwise.
    if (top.has_value()) q.Add("top", std::to_string(*top));
    if (!internal::Trim(order_by).empty()) q.Add("orderby", internal::Trim(order_by));
  }
}

}  // namespace

std::string JoinMetricNames(std::span<const std::string> names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out.push_back(',');
    out += EscapeMetricName(internal::Trim(name));
  }
  return out;
}

std::string BuildMetricsUrl(std::string_view arm_base, const MetricsQuery& query) {
  QueryBuilder q(ResourceBase(arm_base, query.resource_id) +
                 "/providers/Microsoft.Insights/metrics");
  q.Add("api-version", query.api_version);
  q.Add("timespan", FormatTimespan(query.start, query.end));
  if (!internal::Trim(query.metric_namespace).empty()) {
    q.Add("metricnamespace", internal::Trim(query.metric_namespace));
  }
  AddCommon(q, query.metric_names, query.aggregations, query.interval, "$filter", query.filter,
            query.top, query.order_by);
  return std::move(q).Take();
}

std::string BuildMetricDefinitionsUrl(std::string_view arm_base, std::string_view resource_id,
                                      std::string_view metric_namespace,
                                      std::string_view api_version) {
  QueryBuilder q(ResourceBase(arm_base, resource_id) +
                 "/providers/Microsoft.Insights/metricDefinitions");
  q.Add("api-version", api_version);
  if (!internal::Trim(metric_namespace).empty()) {
    q.Add("metricnamespace", internal::Trim(metric_namespace));
  }
  return std::move(q).Take();
}

std::string BuildMetricNamespacesUrl(std::string_view arm_base, std::string_view resource_id,
                                     std::string_view api_version) {
  QueryBuilder q(ResourceBase(arm_base, resource_id) +
                 "/providers/microsoft.insights/metricNamespaces");
  q.Add("api-version", api_version);
  return std::move(q).Take();
}

std::string BuildBatchUrl(std::string_view host, const BatchQuery& query) {
  std::string base(internal::Trim(host));
  while (!base.empty() && base.back() == '/') base.pop_back();
  base += "/subscriptions/";
  base += PercentEncode(internal::Trim(query.subscription_id));
  base += "/metrics:getBatch";
  QueryBuilder q(std::move(base));
  q.Add("api-version", query.api_version);
  q.Add("metricnamespace", internal::Trim(query.metric_namespace));
  // getBatch rejects `timespan` with 400 "Detected invalid time range parameters".
  q.Add("starttime", FormatTimestamp(query.start));
  q.Add("endtime", FormatTimestamp(query.end));
  AddCommon(q, query.metric_names, query.aggregations, query.interval, "filter", query.filter,
            query.top, query.order_by);
  return std::move(q).Take();
}

Result<std::string> BuildBatchBody(std::span<const std::string> resource_ids) {
  nlohmann::json ids = nlohmann::json::array();
  std::unordered_set<std::string> seen;
  for (const std::string& id : resource_ids) {
    const std::string_view trimmed = StripSlashes(internal::Trim(id));
    if (trimmed.empty()) continue;
    if (!seen.insert(NormalizeResourceId(trimmed)).second) continue;
    ids.push_back("/" + std::string(trimmed));
  }
  if (ids.empty()) return ParseError{"getBatch needs at least one resource id"};
  if (ids.size() > kMaxBatchResourceIds) {
    return ParseError{"getBatch accepts at most 50 resource ids, got " +
                      std::to_string(ids.size())};
  }
  // The service insists on the exact lower-case key `resourceids`.
  nlohmann::json body = nlohmann::json::object();
  body["resourceids"] = std::move(ids);
  return body.dump();
}

}  // namespace mensor::azure

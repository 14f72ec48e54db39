#include "mensor/azure/metrics_response.hpp"

#include <unordered_map>

#include "json_access.hpp"
#include "mensor/azure/resource_id.hpp"
#include "strings.hpp"

namespace mensor::azure {
namespace {

using internal::Json;
using internal::Member;
using internal::ReadLocalizable;
using internal::ReadString;

bool ReadAggregate(const Json& point, std::string_view key, std::optional<double>& out,
                   std::string& error) {
  const Json* v = Member(point, key);
  if (v == nullptr || v->is_null()) return true;  // absent = no data, not zero
  if (!v->is_number()) {
    error = "data point member '" + std::string(key) + "' is not a number";
    return false;
  }
  out = v->get<double>();
  return true;
}

bool ParsePoint(const Json& j, DataPoint& out, std::string& error) {
  if (!j.is_object()) {
    error = "data point is not an object";
    return false;
  }
  std::string stamp;
  if (!ReadString(j, "timeStamp", stamp, error)) return false;
  const std::optional<TimePoint> time = ParseTimestamp(stamp);
  if (!time) {
    error = "data point has a missing or invalid timeStamp '" + stamp.substr(0, 40) + "'";
    return false;
  }
  out.timestamp = *time;
  return ReadAggregate(j, "average", out.average, error) &&
         ReadAggregate(j, "minimum", out.minimum, error) &&
         ReadAggregate(j, "maximum", out.maximum, error) &&
         ReadAggregate(j, "total", out.total, error) && ReadAggregate(j, "count", out.count, error);
}

bool ParseSeries(const Json& j, TimeSeries& out, std::string& error) {
  if (!j.is_object()) {
    error = "time series is not an object";
    return false;
  }
  if (const Json* meta = Member(j, "metadatavalues"); meta != nullptr && !meta->is_null()) {
    if (!meta->is_array()) {
      error = "metadatavalues is not an array";
      return false;
    }
    for (const Json& m : *meta) {
      if (!m.is_object()) {
        error = "metadata value is not an object";
        return false;
      }
      std::pair<std::string, std::string> dim;
      if (!ReadLocalizable(m, "name", dim.first, error) ||
          !ReadString(m, "value", dim.second, error)) {
        return false;
      }
      out.dimensions.push_back(std::move(dim));
    }
  }
  if (const Json* data = Member(j, "data"); data != nullptr && !data->is_null()) {
    if (!data->is_array()) {
      error = "data is not an array";
      return false;
    }
    out.points.reserve(data->size());
    for (const Json& p : *data) {
      DataPoint point;
      if (!ParsePoint(p, point, error)) return false;
      out.points.push_back(point);
    }
  }
  return true;
}

bool ParseMetric(const Json& j, MetricResult& out, std::string& error) {
  if (!j.is_object()) {
    error = "metric is not an object";
    return false;
  }
  if (!ReadString(j, "id", out.id, error) || !ReadLocalizable(j, "name", out.name, error) ||
      !ReadString(j, "unit", out.unit, error) ||
      !ReadString(j, "errorCode", out.error_code, error) ||
      !ReadString(j, "errorMessage", out.error_message, error)) {
    return false;
  }
  if (const Json* ts = Member(j, "timeseries"); ts != nullptr && !ts->is_null()) {
    if (!ts->is_array()) {
      error = "timeseries is not an array";
      return false;
    }
    out.series.reserve(ts->size());
    for (const Json& s : *ts) {
      TimeSeries series;
      if (!ParseSeries(s, series, error)) return false;
      out.series.push_back(std::move(series));
    }
  }
  return true;
}

// The part shared by the ARM response and each getBatch item.
bool ParseResponseObject(const Json& j, MetricsResponse& out, std::string& error) {
  if (!j.is_object()) {
    error = "response is not a JSON object";
    return false;
  }
  if (!ReadString(j, "timespan", out.timespan, error) ||
      !ReadString(j, "interval", out.interval, error) ||
      !ReadString(j, "namespace", out.namespace_, error) ||
      !ReadString(j, "resourceregion", out.region, error)) {
    return false;
  }
  const Json* value = Member(j, "value");
  if (value == nullptr || !value->is_array()) {
    error = "response has no 'value' array";
    return false;
  }
  out.metrics.reserve(value->size());
  for (const Json& m : *value) {
    MetricResult metric;
    if (!ParseMetric(m, metric, error)) return false;
    out.metrics.push_back(std::move(metric));
  }
  return true;
}

}  // namespace

bool MetricResult::ok() const {
  return error_code.empty() || internal::EqualsIgnoreCase(error_code, "Success");
}

const MetricResult* MetricsResponse::FindMetric(std::string_view name) const {
  for (const MetricResult& metric : metrics) {
    if (internal::EqualsIgnoreCase(metric.name, internal::Trim(name))) return &metric;
  }
  return nullptr;
}

Result<MetricsResponse> ParseMetricsResponse(std::string_view body) {
  const std::optional<Json> doc = internal::ParseJson(body);
  if (!doc) return ParseError{"metrics response is not valid JSON"};
  MetricsResponse response;
  std::string error;
  if (!ParseResponseObject(*doc, response, error)) return ParseError{"metrics response: " + error};
  return response;
}

const BatchResourceResult* BatchResponse::FindResource(std::string_view resource_id) const {
  for (const BatchResourceResult& item : values) {
    if (ResourceIdEquals(item.resource_id, resource_id)) return &item;
  }
  return nullptr;
}

Result<BatchResponse> ParseBatchResponse(std::string_view body) {
  const std::optional<Json> doc = internal::ParseJson(body);
  if (!doc) return ParseError{"batch response is not valid JSON"};
  const Json* values = Member(*doc, "values");
  if (values == nullptr || !values->is_array()) {
    return ParseError{"batch response has no 'values' array"};
  }
  BatchResponse response;
  response.values.reserve(values->size());
  std::string error;
  for (const Json& v : *values) {
    BatchResourceResult item;
    if (!ParseResponseObject(v, item.response, error) ||
        !ReadString(v, "resourceid", item.resource_id, error) ||
        !ReadString(v, "starttime", item.start_time, error) ||
        !ReadString(v, "endtime", item.end_time, error)) {
      return ParseError{"batch response: " + error};
    }
    // The spec spells it `resourceid`; accept the camel-case spelling other versions use.
    if (item.resource_id.empty() && !ReadString(v, "resourceId", item.resource_id, error)) {
      return ParseError{"batch response: " + error};
    }
    if (item.resource_id.empty()) return ParseError{"batch response item has no resourceid"};
    response.values.push_back(std::move(item));
  }
  return response;
}

std::vector<const BatchResourceResult*> MatchBatchResults(
    const BatchResponse& response, std::span<const std::string> requested_ids) {
  // Index once: a batch holds up to 50 items and is matched against up to 50 ids.
  std::unordered_map<std::string, const BatchResourceResult*> by_id;
  for (const BatchResourceResult& item : response.values) {
    by_id.emplace(NormalizeResourceId(item.resource_id), &item);
  }
  std::vector<const BatchResourceResult*> matched;
  matched.reserve(requested_ids.size());
  for (const std::string& id : requested_ids) {
    const auto it = by_id.find(NormalizeResourceId(id));
    matched.push_back(it == by_id.end() ? nullptr : it->second);
  }
  return matched;
}

}  // namespace mensor::azure

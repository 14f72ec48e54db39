#include "mensor/azure/metric_definitions.hpp"

#include "json_access.hpp"
#include "mensor/azure/iso8601.hpp"
#include "strings.hpp"

namespace mensor::azure {
namespace {

using internal::Json;
using internal::Member;
using internal::ReadString;

// Returns the array member `key`, nullptr when absent/null; sets `error` if it is not an array.
const Json* OptionalArray(const Json& object, std::string_view key, std::string& error) {
  const Json* v = Member(object, key);
  if (v == nullptr || v->is_null()) return nullptr;
  if (!v->is_array()) error = "member '" + std::string(key) + "' is not an array";
  return v->is_array() ? v : nullptr;
}

bool ParseDefinition(const Json& j, MetricDefinition& out, std::string& error) {
  if (!j.is_object()) {
    error = "metric definition is not an object";
    return false;
  }
  if (const Json* name = Member(j, "name"); name != nullptr && name->is_object()) {
    if (!ReadString(*name, "value", out.name, error) ||
        !ReadString(*name, "localizedValue", out.display_name, error)) {
      return false;
    }
  } else if (!internal::ReadLocalizable(j, "name", out.name, error)) {
    return false;
  }
  std::string primary;
  if (!ReadString(j, "namespace", out.namespace_, error) ||
      !ReadString(j, "unit", out.unit, error) ||
      !ReadString(j, "primaryAggregationType", primary, error)) {
    return false;
  }
  out.primary_aggregation = ParseAggregation(primary);
  if (const Json* v = Member(j, "isDimensionRequired"); v != nullptr && v->is_boolean()) {
    out.is_dimension_required = v->get<bool>();
  }
  if (const Json* list = OptionalArray(j, "supportedAggregationTypes", error)) {
    for (const Json& a : *list) {
      if (!a.is_string()) continue;
      if (auto parsed = ParseAggregation(a.get_ref<const std::string&>())) {
        out.supported_aggregations.push_back(*parsed);
      }
    }
  }
  if (const Json* list = OptionalArray(j, "metricAvailabilities", error)) {
    for (const Json& a : *list) {
      std::string grain;
      std::string ignored;  // a malformed grain is skipped, not fatal
      if (!a.is_object() || !ReadString(a, "timeGrain", grain, ignored)) continue;
      if (auto parsed = ParseDuration(grain)) out.time_grains.push_back(*parsed);
    }
  }
  if (const Json* list = OptionalArray(j, "dimensions", error)) {
    for (const Json& d : *list) {
      std::string dimension;
      if (d.is_string()) {
        dimension = d.get<std::string>();
      } else if (d.is_object() && !ReadString(d, "value", dimension, error)) {
        return false;
      }
      if (!dimension.empty()) out.dimensions.push_back(std::move(dimension));
    }
  }
  return error.empty();
}

}  // namespace

Result<std::vector<MetricDefinition>> ParseMetricDefinitions(std::string_view body) {
  const std::optional<Json> doc = internal::ParseJson(body);
  if (!doc) return ParseError{"metric definitions response is not valid JSON"};
  const Json* value = Member(*doc, "value");
  if (value == nullptr || !value->is_array()) {
    return ParseError{"metric definitions response has no 'value' array"};
  }
  std::vector<MetricDefinition> definitions;
  definitions.reserve(value->size());
  for (const Json& item : *value) {
    MetricDefinition definition;
    std::string error;
    if (!ParseDefinition(item, definition, error)) {
      return ParseError{"metric definitions response: " + error};
    }
    definitions.push_back(std::move(definition));
  }
  return definitions;
}

const MetricDefinition* FindDefinition(std::span<const MetricDefinition> definitions,
                                       std::string_view name) {
  name = internal::Trim(name);
  for (const MetricDefinition& d : definitions) {
    if (internal::EqualsIgnoreCase(d.name, name)) return &d;
  }
  return nullptr;
}

std::optional<std::chrono::seconds> ChooseTimeGrain(const MetricDefinition& definition,
                                                    std::chrono::seconds requested) {
  std::optional<std::chrono::seconds> best;
  for (const std::chrono::seconds grain : definition.time_grains) {
    if (grain == requested) return grain;
    if (!best || std::chrono::abs(grain - requested) < std::chrono::abs(*best - requested)) {
      best = grain;
    }
  }
  return best;
}

}  // namespace mensor::azure

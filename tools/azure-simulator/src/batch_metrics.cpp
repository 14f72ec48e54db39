#include "batch_metrics.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "arm_errors.hpp"
#include "iso8601.hpp"
#include "metrics_query.hpp"
#include "series_builder.hpp"

namespace mensor::sim {

namespace {

constexpr std::array kBatchApiVersions = {"2023-03-01-preview", "2023-05-01-preview", "2023-10-01",
                                          "2024-02-01"};
constexpr size_t kMaxResourceIds = 50;

ApiError BatchError(const std::string& message) {
  return ApiError(400, "BadRequest", message, ErrorShape::kWrapped);
}

SimResponse BatchErrorResponse(const ApiError& error) {
  SimResponse response =
      ArmErrorResponse(error.status(), error.code(), error.what(), ErrorShape::kWrapped);
  response.headers.Add("x-ms-error-code", error.code());
  return response;
}

// getBatch speaks starttime/endtime and `filter`; the ARM query parser speaks timespan and
// `$filter`. Translating keeps one strict parser for both APIs.
FieldList TranslateQuery(const FieldList& query, TimePoint now) {
  if (query.Has("timespan")) {
    throw BatchError(
        "Detected invalid time range parameters. Please use only starttime and endtime for the "
        "time range.");
  }
  if (query.Has("$filter")) {
    throw BatchError("Invalid parameter '$filter': the batch API takes 'filter'.");
  }
  const auto start = query.Get("starttime");
  const auto end = query.Get("endtime");
  if (end && !start) throw BatchError("'starttime' is required when 'endtime' is given.");
  FieldList out;
  for (const auto& [name, value] : query.items()) {
    if (EqualsIgnoreCase(name, "starttime") || EqualsIgnoreCase(name, "endtime") ||
        EqualsIgnoreCase(name, "api-version")) {
      continue;
    }
    out.Add(EqualsIgnoreCase(name, "filter") ? "$filter" : name, value);
  }
  if (start) {
    if (!ParseIsoTimestamp(*start) || (end && !ParseIsoTimestamp(*end))) {
      throw BatchError("Invalid starttime or endtime: expected ISO-8601 timestamps.");
    }
    out.Add("timespan", *start + "/" + (end ? *end : FormatIsoTimestamp(now)));
  }
  out.Add("api-version", "2023-10-01");
  return out;
}

std::vector<std::string> ReadResourceIds(const std::string& body) {
  const auto document = nlohmann::json::parse(body, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    throw BatchError("The request body must be a JSON object {\"resourceids\":[...]}.");
  }
  const auto ids = document.find("resourceids");
  if (ids == document.end() || !ids->is_array() || ids->empty()) {
    throw BatchError("The request body must contain a non-empty 'resourceids' array.");
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& id : *ids) {
    if (!id.is_string()) throw BatchError("Every entry of 'resourceids' must be a string.");
    if (seen.insert(ToLower(id.get<std::string>())).second) out.push_back(id.get<std::string>());
  }
  if (out.size() > kMaxResourceIds) {
    throw BatchError("The request contains " + std::to_string(out.size()) +
                     " unique resource ids; at most 50 are allowed.");
  }
  return out;
}

// "North Europe" and "northeurope" name one region (display and programmatic names).
std::string RegionKey(std::string_view region) {
  std::string key;
  for (char c : region) {
    if (c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

}  // namespace

std::optional<BatchRoute> MatchBatchRoute(std::string_view path) {
  const auto segments = Split(path, '/');  // "", region, subscriptions, sub, metrics:getBatch
  if (segments.size() != 5 || !segments[0].empty() || segments[1].empty() ||
      !EqualsIgnoreCase(segments[2], "subscriptions") || segments[3].empty() ||
      !EqualsIgnoreCase(segments[4], "metrics:getBatch")) {
    return std::nullopt;
  }
  return BatchRoute{ToLower(segments[1]), segments[3]};
}

SimResponse BatchMetricsApi::Handle(const SimRequest& request, const BatchRoute& route,
                                    TimePoint now) const {
  try {
    if (request.method != "POST") {
      throw ApiError(405, "MethodNotAllowed",
                     "The requested method '" + request.method + "' is not allowed.",
                     ErrorShape::kWrapped);
    }
    const auto version = request.query.Get("api-version");
    if (!version || std::find(kBatchApiVersions.begin(), kBatchApiVersions.end(), *version) ==
                        kBatchApiVersions.end()) {
      throw BatchError("The api-version '" + version.value_or("") +
                       "' is invalid. The supported versions are '2023-03-01-preview,"
                       "2023-05-01-preview,2023-10-01,2024-02-01'.");
    }
    const auto metric_namespace = request.query.Get("metricnamespace");
    if (!metric_namespace || metric_namespace->empty()) {
      throw BatchError("Required parameter 'metricnamespace' is missing.");
    }
    const ResourceType* type = FindResourceType(*metric_namespace);
    if (type == nullptr) {
      throw BatchError("Metric namespace '" + *metric_namespace +
                       "' is not supported. Supported namespaces: " + KnownResourceTypeList() +
                       ".");
    }
    const FieldList translated = TranslateQuery(request.query, now);
    MetricsQuery query;
    try {
      query = ParseMetricsQuery(translated, *type, now);
    } catch (const ApiError& error) {
      throw BatchError(error.what());  // the data plane wraps every error
    }
    // Every id is checked before a byte is written: one bad id fails the whole call.
    const std::vector<std::string> ids = ReadResourceIds(request.body);
    for (const std::string& id : ids) {
      const auto parsed = ParseResourceId(id);
      if (!parsed || !EqualsIgnoreCase(parsed->subscription, route.subscription)) {
        throw BatchError("Resource id '" + id + "' is not a resource of subscription '" +
                         route.subscription + "'.");
      }
      if (!EqualsIgnoreCase(parsed->type, type->type)) {
        throw BatchError("All resource ids must be of the metric namespace '" + type->type +
                         "'; '" + id + "' is not.");
      }
    }
    const std::string start = FormatIsoTimestamp(query.range.start);
    const std::string end = FormatIsoTimestamp(query.range.end);
    const std::string interval = FormatIsoDuration(query.interval);
    const std::string metric_namespace_lower = ToLower(type->type);
    std::string body;
    JsonText json(body);
    json.BeginObject().Key("values").BeginArray();
    for (const std::string& id : ids) {
      const auto resource = world_.Find(id, *type);
      const bool here = resource && RegionKey(resource->location) == RegionKey(route.region);
      long long cost = 0;
      json.BeginObject()
          .Field("starttime", start)
          .Field("endtime", end)
          .Field("interval", interval)
          .Key("value")
          .BeginArray();
      for (const auto* metric : query.metrics) {
        if (here) {
          const SeriesContext context{world_, *type, *resource, id, now};
          WriteMetricValue(json, context, query, *metric, cost);
        } else {
          // Azure does not reject ids of another region: it finds no data for them.
          WriteEmptyMetricValue(json, id, *metric);
        }
      }
      json.EndArray()
          .Field("namespace", metric_namespace_lower)
          .Field("resourceregion", route.region)
          .Field("resourceid", id)
          .EndObject();
    }
    json.EndArray().EndObject();
    return JsonResponse(200, std::move(body));
  } catch (const ApiError& error) {
    return BatchErrorResponse(error);
  }
}

}  // namespace mensor::sim

#include "arm_metrics.hpp"

#include <algorithm>

#include "arm_errors.hpp"
#include "iso8601.hpp"
#include "series_builder.hpp"

namespace mensor::sim {

namespace {

constexpr std::string_view kInsightsProvider = "/providers/microsoft.insights/";

nlohmann::json MetricDefinitions(const ResourceType& type, const std::string& resource_id) {
  nlohmann::json value = nlohmann::json::array();
  for (const auto& metric : type.metrics) {
    nlohmann::json supported = nlohmann::json::array();
    for (auto aggregation : metric.supported) supported.push_back(AggregationName(aggregation));
    nlohmann::json availabilities = nlohmann::json::array();
    for (const auto& grain : SupportedTimeGrains()) {
      availabilities.push_back({{"timeGrain", grain}, {"retention", "P93D"}});
    }
    nlohmann::json definition = {
        {"id", resource_id + "/providers/microsoft.insights/metricdefinitions/" + metric.name},
        {"resourceId", resource_id},
        {"namespace", type.type},
        {"name", {{"value", metric.name}, {"localizedValue", metric.display_name}}},
        {"displayDescription", metric.description},
        {"category", "Metrics"},
        {"isDimensionRequired", false},
        {"unit", metric.unit},
        {"primaryAggregationType", AggregationName(metric.primary)},
        {"supportedAggregationTypes", std::move(supported)},
        {"metricAvailabilities", std::move(availabilities)}};
    if (!metric.dimensions.empty()) {
      nlohmann::json dimensions = nlohmann::json::array();
      for (const auto& dimension : metric.dimensions) {
        dimensions.push_back({{"value", dimension}, {"localizedValue", dimension}});
      }
      definition["dimensions"] = std::move(dimensions);
    }
    value.push_back(std::move(definition));
  }
  return {{"value", std::move(value)}};
}

nlohmann::json MetricNamespaces(const ResourceType& type, const std::string& resource_id) {
  std::string name = type.type;
  std::replace(name.begin(), name.end(), '/', '-');
  nlohmann::json item = {
      {"id", resource_id + "/providers/microsoft.insights/metricNamespaces/" + name},
      {"name", name},
      {"type", "Microsoft.Insights/metricNamespaces"},
      {"classification", type.category},
      {"properties", {{"metricNamespaceName", type.type}}}};
  return {{"value", nlohmann::json::array({std::move(item)})}};
}

}  // namespace

std::optional<ArmRoute> MatchArmMetricsRoute(std::string_view path) {
  if (!StartsWithIgnoreCase(path, "/subscriptions/")) return std::nullopt;
  const std::string lower = ToLower(path);
  const auto provider = lower.rfind(kInsightsProvider);
  if (provider == std::string::npos) return std::nullopt;
  const std::string_view operation =
      std::string_view(lower).substr(provider + kInsightsProvider.size());
  ArmRoute route{std::string(path.substr(0, provider)), ArmOperation::kMetrics};
  if (operation == "metrics") {
    route.operation = ArmOperation::kMetrics;
  } else if (operation == "metricdefinitions") {
    route.operation = ArmOperation::kMetricDefinitions;
  } else if (operation == "metricnamespaces") {
    route.operation = ArmOperation::kMetricNamespaces;
  } else {
    return std::nullopt;
  }
  return route;
}

SimResponse ArmMetricsApi::Handle(const SimRequest& request, const ArmRoute& route,
                                  TimePoint now) const {
  try {
    if (request.method != "GET") {
      throw ApiError(405, "MethodNotAllowed",
                     "The requested method '" + request.method + "' is not allowed.",
                     ErrorShape::kWrapped);
    }
    const auto id = ParseResourceId(route.resource_id);
    if (!id) {
      throw ApiError(400, "InvalidResourceId",
                     "The resource id '" + route.resource_id + "' is not a valid ARM resource id.",
                     ErrorShape::kWrapped);
    }
    const ResourceType* type = FindResourceType(id->type);
    if (type == nullptr) {
      throw ApiError(404, "ResourceTypeNotSupported",
                     "The resource type '" + id->type +
                         "' is not supported by the simulator. Supported types: " +
                         KnownResourceTypeList() + ".",
                     ErrorShape::kWrapped);
    }
    ValidateApiVersion(request.query, route.operation);
    const auto resource = world_.Find(route.resource_id, *type);
    if (!resource) {
      throw ApiError(404, "ResourceNotFound",
                     "The Resource '" + id->type + "/" + id->name + "' under resource group '" +
                         id->resource_group +
                         "' was not found. For more details please go to "
                         "https://aka.ms/ARMResourceNotFoundFix",
                     ErrorShape::kWrapped);
    }
    switch (route.operation) {
      case ArmOperation::kMetrics:
        return JsonResponse(200, Metrics(request, route, *type, *resource, now));
      case ArmOperation::kMetricDefinitions:
        ValidateMetricNamespace(request.query, *type);
        return JsonResponse(200, MetricDefinitions(*type, route.resource_id));
      case ArmOperation::kMetricNamespaces:
        if (const auto start = request.query.Get("startTime");
            start && !ParseIsoTimestamp(*start)) {
          throw BadRequest("Invalid startTime '" + *start + "': expected an ISO-8601 timestamp.");
        }
        return JsonResponse(200, MetricNamespaces(*type, route.resource_id));
    }
  } catch (const ApiError& error) {
    return ArmErrorResponse(error);
  }
  return ArmErrorResponse(500, "InternalServerError", "Unhandled operation.");
}

std::string ArmMetricsApi::Metrics(const SimRequest& request, const ArmRoute& route,
                                   const ResourceType& type, const ResourceState& resource,
                                   TimePoint now) const {
  const MetricsQuery query = ParseMetricsQuery(request.query, type, now);
  const SeriesContext context{world_, type, resource, route.resource_id, now};
  // `cost` leads the answer but is known only once the values are written.
  long long cost = 0;
  std::string values;
  JsonText value_json(values);
  value_json.BeginArray();
  for (const auto* metric : query.metrics) {
    WriteMetricValue(value_json, context, query, *metric, cost);
  }
  value_json.EndArray();
  std::string body;
  body.reserve(values.size() + 256);
  JsonText json(body);
  json.BeginObject()
      .Key("cost")
      .Integer(cost)
      .Field("timespan",
             FormatIsoTimestamp(query.range.start) + "/" + FormatIsoTimestamp(query.range.end))
      .Field("interval", FormatIsoDuration(query.interval))
      .Key("value")
      .Raw(values)
      .Field("namespace", ToLower(type.type))
      .Field("resourceregion", resource.location)
      .EndObject();
  return body;
}

}  // namespace mensor::sim

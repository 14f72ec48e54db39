#include "metrics_query.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>

#include "arm_errors.hpp"

namespace mensor::sim {

namespace {

using std::chrono::seconds;

constexpr std::array kMetricsApiVersions = {"2018-01-01", "2019-07-01", "2021-05-01", "2023-10-01",
                                            "2024-02-01"};
constexpr std::string_view kNamespacesPreviewVersion = "2017-12-01-preview";
constexpr auto kRetention = std::chrono::days(93);
// Bounds the work (and the response size) of one request.
constexpr long long kMaxBucketsPerSeries = 50'000;

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

bool ParseBool(const FieldList& query, std::string_view name, bool fallback) {
  const auto value = query.Get(name);
  if (!value) return fallback;
  if (EqualsIgnoreCase(*value, "true")) return true;
  if (EqualsIgnoreCase(*value, "false")) return false;
  throw BadRequest("Invalid value '" + *value + "' for parameter '" + std::string(name) +
                   "': expected true or false.");
}

std::vector<const MetricDefinition*> ParseMetricNames(const FieldList& query,
                                                      const ResourceType& type) {
  const auto names = query.Get("metricnames");
  if (!names || Trim(*names).empty()) {
    throw BadRequest("Required parameter 'metricnames' is missing or empty.");
  }
  std::vector<const MetricDefinition*> metrics;
  for (auto name : Split(*names, ',')) {
    name = std::string(Trim(name));
    // Azure writes a comma inside a metric name as "%2".
    for (size_t pos = 0; (pos = name.find("%2", pos)) != std::string::npos;)
      name.replace(pos, 2, ",");
    if (name.empty()) throw BadRequest("Parameter 'metricnames' contains an empty metric name.");
    const MetricDefinition* metric = type.FindMetric(name);
    if (metric == nullptr) {
      std::vector<std::string> valid;
      for (const auto& known : type.metrics) valid.push_back(known.name);
      const auto slash = type.type.find('/');
      throw BadRequest(
          "Failed to find metric configuration for provider: " + type.type.substr(0, slash) +
          ", resource Type: " + type.type.substr(slash + 1) + ", metric: " + name +
          ", Valid metrics: " + Join(valid, ","));
    }
    if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) {
      metrics.push_back(metric);
    }
  }
  return metrics;
}

std::vector<Aggregation> ParseAggregations(const FieldList& query,
                                           const std::vector<const MetricDefinition*>& metrics) {
  std::vector<Aggregation> aggregations;
  const auto text = query.Get("aggregation");
  if (!text) return aggregations;
  for (const auto& item : Split(*text, ',')) {
    const auto aggregation = ParseAggregation(Trim(item));
    if (!aggregation) {
      throw BadRequest("Invalid aggregation type '" + std::string(Trim(item)) +
                       "'. Supported values are: Average, Count, Minimum, Maximum, Total.");
    }
    for (const auto* metric : metrics) {
      if (!metric->Supports(*aggregation)) {
        std::vector<std::string> supported;
        for (auto a : metric->supported) supported.emplace_back(AggregationName(a));
        throw BadRequest("Metric: " + metric->name +
                         " does not support requested aggregation type: " +
                         std::string(AggregationName(*aggregation)) +
                         ", supported ones are: " + Join(supported, ","));
      }
    }
    if (std::find(aggregations.begin(), aggregations.end(), *aggregation) == aggregations.end()) {
      aggregations.push_back(*aggregation);
    }
  }
  return aggregations;
}

// Returns the grain, or nothing for FULL.
std::optional<seconds> ParseInterval(const FieldList& query, bool auto_adjust) {
  const std::string text = query.Get("interval").value_or("PT1M");
  if (EqualsIgnoreCase(text, "FULL")) return std::nullopt;
  const auto duration = ParseIsoDuration(text);
  if (!duration) {
    throw BadRequest("Invalid interval '" + text +
                     "': expected an ISO-8601 duration such as PT1M, or FULL.");
  }
  std::optional<seconds> nearest;
  for (const auto& grain : SupportedTimeGrains()) {
    const seconds candidate = *ParseIsoDuration(grain);
    if (candidate == *duration) return candidate;
    if (!nearest ||
        std::llabs((candidate - *duration).count()) < std::llabs((*nearest - *duration).count())) {
      nearest = candidate;
    }
  }
  if (auto_adjust) return nearest;
  throw BadRequest("Invalid time grain: " + text +
                   ". Supported time grains: " + Join(SupportedTimeGrains(), ",") +
                   ". Set AutoAdjustTimegrain=true to use the nearest supported grain.");
}

int ParseTop(const FieldList& query) {
  const auto text = query.Get("top");
  if (!text) return 10;
  int top = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, top);
  if (text->empty() || ec != std::errc() || ptr != end || top <= 0) {
    throw BadRequest("Invalid value '" + *text +
                     "' for parameter 'top': expected a positive integer.");
  }
  return top;
}

std::optional<OrderBy> ParseOrderBy(const FieldList& query) {
  const auto text = query.Get("orderby");
  if (!text) return std::nullopt;
  const auto parts = Split(Trim(*text), ' ');
  std::vector<std::string> words;
  for (const auto& part : parts) {
    if (!part.empty()) words.push_back(part);
  }
  const auto aggregation = words.empty() ? std::nullopt : ParseAggregation(words[0]);
  const bool direction_ok =
      words.size() == 1 || (words.size() == 2 && (EqualsIgnoreCase(words[1], "asc") ||
                                                  EqualsIgnoreCase(words[1], "desc")));
  if (!aggregation || !direction_ok) {
    throw BadRequest("Invalid orderby '" + *text + "': expected '<aggregation> asc|desc'.");
  }
  return OrderBy{*aggregation, words.size() == 2 && EqualsIgnoreCase(words[1], "desc")};
}

void CheckDimensions(const MetricsQuery& query) {
  if (!query.filter || !query.validate_dimensions) return;
  for (const auto* metric : query.metrics) {
    std::vector<std::string> requested;
    bool all_known = true;
    for (const auto& dimension : query.filter->dimensions) {
      requested.push_back(ToLower(dimension.dimension));
      all_known = all_known && metric->HasDimension(dimension.dimension);
    }
    if (!all_known) {
      throw BadRequest(
          "Metric: " + metric->name + " does not support requested dimension combination: " +
          Join(requested, ",") + ", supported ones are: " + Join(metric->dimensions, ","));
    }
  }
}

}  // namespace

std::vector<Aggregation> MetricsQuery::AggregationsFor(const MetricDefinition& metric) const {
  return aggregations.empty() ? std::vector<Aggregation>{metric.primary} : aggregations;
}

void ValidateApiVersion(const FieldList& query, ArmOperation operation) {
  const auto version = query.Get("api-version");
  if (!version || version->empty()) {
    throw ApiError(400, "MissingApiVersionParameter",
                   "The api-version query parameter (?api-version=) is required for all requests.",
                   ErrorShape::kWrapped);
  }
  std::vector<std::string> supported(kMetricsApiVersions.begin(), kMetricsApiVersions.end());
  if (operation == ArmOperation::kMetricNamespaces) {
    supported.insert(supported.begin(), std::string(kNamespacesPreviewVersion));
  }
  if (std::find(supported.begin(), supported.end(), *version) == supported.end()) {
    throw ApiError(400, "InvalidApiVersionParameter",
                   "The api-version '" + *version + "' is invalid. The supported versions are '" +
                       Join(supported, ",") + "'.",
                   ErrorShape::kWrapped);
  }
}

void ValidateMetricNamespace(const FieldList& query, const ResourceType& type) {
  const auto metric_namespace = query.Get("metricnamespace");
  if (metric_namespace && !metric_namespace->empty() &&
      !EqualsIgnoreCase(*metric_namespace, type.type)) {
    throw BadRequest("Metric namespace '" + *metric_namespace +
                     "' is not valid for this resource. Valid metric namespaces: " + type.type);
  }
}

MetricsQuery ParseMetricsQuery(const FieldList& query, const ResourceType& type, TimePoint now) {
  MetricsQuery result;
  ValidateMetricNamespace(query, type);
  result.metrics = ParseMetricNames(query, type);
  result.aggregations = ParseAggregations(query, result.metrics);

  const bool auto_adjust = ParseBool(query, "AutoAdjustTimegrain", false);
  result.validate_dimensions = ParseBool(query, "ValidateDimensions", true);
  const auto grain = ParseInterval(query, auto_adjust);

  try {
    const auto timespan = query.Get("timespan");
    result.range =
        timespan ? ParseTimespan(*timespan, now) : TimeRange{now - std::chrono::hours(1), now};
  } catch (const std::invalid_argument& e) {
    throw BadRequest(e.what());
  }
  if (result.range.start < now - kRetention) {
    throw BadRequest("Query startTime: " + FormatUsTimestamp(result.range.start) +
                     " is out of the Max metrics retention period: 93.00:00:00");
  }
  result.full_interval = !grain;
  result.interval = grain.value_or(result.range.length());
  if (result.range.length() / result.interval > kMaxBucketsPerSeries) {
    throw BadRequest("The requested timespan and interval would return more than " +
                     std::to_string(kMaxBucketsPerSeries) +
                     " points per time series; use a coarser interval or a shorter timespan.");
  }

  result.top = ParseTop(query);
  result.order_by = ParseOrderBy(query);
  if (const auto filter = query.Get("$filter"); filter && !Trim(*filter).empty()) {
    try {
      result.filter = ParseFilter(*filter);
    } catch (const FilterError& e) {
      throw BadRequest(e.what());
    }
  }
  CheckDimensions(result);

  const std::string result_type = query.Get("resultType").value_or("Data");
  if (EqualsIgnoreCase(result_type, "Metadata")) {
    result.metadata_only = true;
  } else if (!EqualsIgnoreCase(result_type, "Data")) {
    throw BadRequest("Invalid resultType '" + result_type + "': expected Data or Metadata.");
  }
  return result;
}

}  // namespace mensor::sim

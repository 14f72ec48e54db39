#include "mensor/azure/metrics_response.hpp"

#include "metrics_response_parser.hpp"
#include "mensor/azure/resource_id.hpp"
#include "strings.hpp"

namespace mensor::azure {

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
  MetricsResponse response;
  internal::MetricsResponseParser parser(&response, nullptr);
  if (parser.Parse(body)) return response;
  if (parser.syntax_error()) return ParseError{"metrics response is not valid JSON"};
  return ParseError{"metrics response: " + parser.error()};
}

const BatchResourceResult* BatchResponse::FindResource(std::string_view resource_id) const {
  for (const BatchResourceResult& item : values) {
    if (ResourceIdEquals(item.resource_id, resource_id)) return &item;
  }
  return nullptr;
}

Result<BatchResponse> ParseBatchResponse(std::string_view body) {
  BatchResponse response;
  internal::MetricsResponseParser parser(nullptr, &response);
  if (parser.Parse(body)) return response;
  if (parser.syntax_error()) return ParseError{"batch response is not valid JSON"};
  // "values" problems and a missing id already name the batch response or its item.
  if (parser.item_error() || parser.error().rfind("batch response", 0) == 0) {
    return ParseError{parser.error()};
  }
  return ParseError{"batch response: " + parser.error()};
}

BatchIndex::BatchIndex(const BatchResponse& response) {
  by_id_.reserve(response.values.size());
  for (const BatchResourceResult& item : response.values) by_id_.emplace(item.resource_id, &item);
}

const BatchResourceResult* BatchIndex::Find(std::string_view resource_id) const {
  const auto found = by_id_.find(resource_id);
  return found == by_id_.end() ? nullptr : found->second;
}

std::vector<const BatchResourceResult*> MatchBatchResults(
    const BatchResponse& response, std::span<const std::string> requested_ids) {
  const BatchIndex index(response);
  std::vector<const BatchResourceResult*> matched;
  matched.reserve(requested_ids.size());
  for (const std::string& id : requested_ids) matched.push_back(index.Find(id));
  return matched;
}

}  // namespace mensor::azure

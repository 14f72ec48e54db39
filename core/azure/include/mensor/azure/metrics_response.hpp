#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mensor/azure/iso8601.hpp"
#include "mensor/azure/resource_id.hpp"
#include "mensor/azure/result.hpp"

namespace mensor::azure {

// One grain bucket. An absent field means "no data in this bucket", never zero: Azure's filling
// bucket carries only `timeStamp`.
struct DataPoint {
  TimePoint timestamp;  // start of the bucket
  std::optional<double> average, minimum, maximum, total, count;
};

struct TimeSeries {
  // (name as returned, value). Azure lower-cases names (`tier` for a `Tier` filter), so compare
  // them case-insensitively (FindDimensionValue in value_selection.hpp).
  std::vector<std::pair<std::string, std::string>> dimensions;
  std::vector<DataPoint> points;  // empty for resultType=Metadata responses
};

struct MetricResult {
  std::string id;
  std::string name;  // name.value, e.g. "Percentage CPU"
  std::string unit;
  std::string error_code;  // "Success", "" (older versions) or a per-metric failure
  std::string error_message;
  std::vector<TimeSeries> series;

  // A metric can fail inside an HTTP 200 (errorCode InvalidSamplingType, empty timeseries).
  bool ok() const;
};

struct MetricsResponse {
  std::string timespan;
  std::string interval;    // may differ from the requested one (FULL -> PT4H, auto-adjust)
  std::string namespace_;  // lower-cased by Azure in 2023-10-01
  std::string region;      // resourceregion
  std::vector<MetricResult> metrics;

  // Case-insensitive lookup by metric name; nullptr when absent.
  const MetricResult* FindMetric(std::string_view name) const;
};

// Parses the 200 body of the ARM metrics API. Fails (never throws) on invalid JSON, a missing
// `value` array, wrongly typed members, a missing/unparsable timeStamp or a non-numeric
// aggregation value; JSON null aggregation values count as absent.
Result<MetricsResponse> ParseMetricsResponse(std::string_view body);

// One item of a getBatch response.
struct BatchResourceResult {
  std::string resource_id;  // as returned: with leading slash, casing may differ from the request
  std::string start_time;
  std::string end_time;
  MetricsResponse response;
};

struct BatchResponse {
  std::vector<BatchResourceResult> values;

  // Case- and leading-slash-insensitive lookup by resource id; nullptr when absent.
  const BatchResourceResult* FindResource(std::string_view resource_id) const;
};

// Parses the 200 body of metrics:getBatch ({"values":[...]}); each item must carry `resourceid`.
Result<BatchResponse> ParseBatchResponse(std::string_view body);

// Batch results by resource id (case-insensitive, surrounding slashes ignored), indexed once:
// Azure may omit or reorder resources, so results are matched by id, never by position (Promitor
// matched by index, a known bug). Views into `response`, which must outlive the index.
class BatchIndex {
 public:
  explicit BatchIndex(const BatchResponse& response);
  // nullptr when the answer has no result for the resource.
  const BatchResourceResult* Find(std::string_view resource_id) const;

 private:
  std::unordered_map<std::string_view, const BatchResourceResult*, ResourceIdKeyHash,
                     ResourceIdKeyEqual>
      by_id_;
};

// Aligns batch results with the requested ids through a BatchIndex. Element i is nullptr when
// requested_ids[i] has no result.
std::vector<const BatchResourceResult*> MatchBatchResults(
    const BatchResponse& response, std::span<const std::string> requested_ids);

}  // namespace mensor::azure

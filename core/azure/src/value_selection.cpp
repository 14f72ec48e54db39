#include "mensor/azure/value_selection.hpp"

#include "strings.hpp"

namespace mensor::azure {

std::optional<double> GetAggregate(const DataPoint& point, Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::kAverage:
      return point.average;
    case Aggregation::kCount:
      return point.count;
    case Aggregation::kMinimum:
      return point.minimum;
    case Aggregation::kMaximum:
      return point.maximum;
    case Aggregation::kTotal:
      return point.total;
    case Aggregation::kNone:
      return 0.0;
  }
  return std::nullopt;
}

std::optional<SelectedValue> SelectValue(const TimeSeries& series, Aggregation aggregation,
                                         std::chrono::seconds interval, TimePoint now) {
  const auto grain = std::chrono::duration_cast<TimePoint::duration>(interval);
  std::optional<SelectedValue> best;
  for (const DataPoint& point : series.points) {
    if (point.timestamp + grain > now) continue;  // still filling
    if (best && point.timestamp <= best->bucket_start) continue;
    const std::optional<double> value = GetAggregate(point, aggregation);
    if (!value) continue;  // empty bucket: no data, not zero
    best = SelectedValue{*value, point.timestamp};
  }
  return best;
}

const std::string* FindDimensionValue(const TimeSeries& series, std::string_view dimension) {
  dimension = internal::Trim(dimension);
  for (const auto& [name, value] : series.dimensions) {
    if (internal::EqualsIgnoreCase(name, dimension)) return &value;
  }
  return nullptr;
}

std::optional<std::vector<std::pair<std::string, std::string>>> ExtractDimensionLabels(
    const TimeSeries& series, std::span<const std::string> requested_dimensions) {
  std::vector<std::pair<std::string, std::string>> labels;
  labels.reserve(requested_dimensions.size());
  for (const std::string& requested : requested_dimensions) {
    const std::string* value = FindDimensionValue(series, requested);
    if (value == nullptr) return std::nullopt;
    labels.emplace_back(std::string(internal::Trim(requested)), *value);
  }
  return labels;
}

}  // namespace mensor::azure

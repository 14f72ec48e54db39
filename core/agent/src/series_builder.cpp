#include "mensor/agent/series_builder.hpp"

#include "mensor/azure/value_selection.hpp"

namespace mensor::agent {
std::string SinkScope(const ScrapeTarget& target) {
  std::string scope = target.metric_name + "|" + target.resource_uri();
  for (const auto& [name, value] : target.labels.scraper_labels) {
    scope += "|" + name + "=" + value;
  }
  return scope;
}

MeasuredSample MakeSeriesSample(const ScrapeTarget& target, LabelList dimension_labels,
                                std::optional<double> value, int64_t now_ns,
                                std::vector<std::string>& warnings) {
  if (!target.first_dimension_label.empty() && !dimension_labels.empty()) {
    dimension_labels.front().first = target.first_dimension_label;
  }
  MeasuredSample sample;
  sample.name = target.metric_name;
  sample.description = target.description;
  sample.has_value = value.has_value();
  sample.value = value.value_or(0);
  sample.timestamp_unix_ns = now_ns;
  sample.labels = ComposeLabels(target.labels, dimension_labels, &warnings);
  return sample;
}

SeriesResult BuildSeries(const ScrapeTarget& target, const azure::MetricResult& metric,
                         std::chrono::seconds interval, std::chrono::system_clock::time_point now) {
  SeriesResult result;
  const int64_t now_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  if (metric.series.empty()) {
    LabelList unknown;
    for (const auto& dimension : target.dimensions) unknown.emplace_back(dimension, "unknown");
    result.warnings.push_back("Azure Monitor returned no time series for " +
                              target.azure_metric_name);
    result.samples.push_back(
        MakeSeriesSample(target, std::move(unknown), std::nullopt, now_ns, result.warnings));
    return result;
  }
  for (const auto& series : metric.series) {
    auto dimension_labels = azure::ExtractDimensionLabels(series, target.dimensions);
    if (!dimension_labels) {
      result.warnings.push_back("dropped a time series that lacks a requested dimension");
      continue;
    }
    std::optional<double> value;
    if (auto selected = azure::SelectValue(series, target.aggregation, interval, now)) {
      value = selected->value;
    }
    result.samples.push_back(
        MakeSeriesSample(target, std::move(*dimension_labels), value, now_ns, result.warnings));
  }
  return result;
}

}  // namespace mensor::agent

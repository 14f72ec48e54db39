#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "mensor/agent/scrape_target.hpp"
#include "mensor/azure/metrics_response.hpp"

namespace mensor::agent {

struct SeriesResult {
  std::vector<MeasuredSample> samples;
  std::vector<std::string> warnings;
};

/// Turns one metric of an Azure Monitor answer into samples: one per returned time series, valued
/// with the newest complete bucket carrying the aggregation (no value if none qualifies), labelled
/// with the requested dimensions (the first one renamed to the target's first_dimension_label) on
/// top of the target's labels. No series at all gives a single sample without value whose
/// dimensions read "unknown", as Promitor reports it.
/// What a scrape of `target` replaces in the sinks: its metric, resource and scraper labels, so
/// two queues of one namespace (or two pipelines of one factory) never overwrite each other.
std::string SinkScope(const ScrapeTarget& target);

/// One sample of `target` with the given dimension labels (the first renamed to the target's
/// first_dimension_label) composed with the target's labels; composition warnings are appended.
MeasuredSample MakeSeriesSample(const ScrapeTarget& target, LabelList dimension_labels,
                                std::optional<double> value, int64_t now_unix_ns,
                                std::vector<std::string>& warnings);

SeriesResult BuildSeries(const ScrapeTarget& target, const azure::MetricResult& metric,
                         std::chrono::seconds interval, std::chrono::system_clock::time_point now);

}  // namespace mensor::agent

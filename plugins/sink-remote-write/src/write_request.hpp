// Prometheus remote write 1.0: the WriteRequest protobuf (prompb) and its snappy block framing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::remote_write {

/// One series with one sample, as it goes on the wire: labels include __name__.
struct Series {
  std::vector<std::pair<std::string, std::string>> labels;  // sorted by name, unique
  double value = 0;
  int64_t timestamp_ms = 0;
};

/// Metadata of one metric family (type and HELP).
struct Family {
  std::string name;
  bool counter = false;
  std::string help;
};

/// The prometheus.WriteRequest bytes: timeseries = 1 (labels = 1, samples = 2 {value = 1,
/// timestamp = 2}), metadata = 3 {type = 1, metric_family_name = 2, help = 4}.
std::string EncodeWriteRequest(const std::vector<Series>& series,
                               const std::vector<Family>& families);

/// Snappy block format (not framed), as remote write requires.
std::string SnappyCompress(std::string_view raw);

/// Builds a Series from a sample: the metric name made valid, label names normalised as the
/// Prometheus scraping endpoint does (lower-case, '/' -> '_', invalid characters -> '_'), sorted,
/// the first of two equal names kept, empty values dropped (Prometheus treats them as absent).
/// Returns false when the name is empty.
bool MakeSeries(std::string_view name,
                const std::vector<std::pair<std::string_view, std::string_view>>& labels,
                double value, int64_t timestamp_ms, Series& out);

}  // namespace mensor::remote_write

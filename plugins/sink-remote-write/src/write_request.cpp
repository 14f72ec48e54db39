#include "write_request.hpp"

#include <snappy-c.h>

#include <algorithm>

#include "proto_writer.hpp"
#include "text_format.hpp"

namespace mensor::remote_write {

std::string EncodeWriteRequest(const std::vector<Series>& series,
                               const std::vector<Family>& families) {
  sinks::ProtoWriter request, one, part;
  for (const Series& s : series) {
    one.Clear();
    for (const auto& [name, value] : s.labels) {
      part.Clear();
      part.String(1, name);
      part.String(2, value);
      one.Message(1, part);
    }
    part.Clear();
    part.Double(1, s.value);
    part.Varint(2, static_cast<uint64_t>(s.timestamp_ms));
    one.Message(2, part);
    request.Message(1, one);
  }
  for (const Family& f : families) {
    part.Clear();
    part.Varint(1, f.counter ? 1 : 2);  // MetricType COUNTER = 1, GAUGE = 2
    part.String(2, f.name);
    if (!f.help.empty()) part.String(4, f.help);
    request.Message(3, part);
  }
  return request.Take();
}

std::string SnappyCompress(std::string_view raw) {
  size_t length = snappy_max_compressed_length(raw.size());
  std::string out(length, '\0');
  if (snappy_compress(raw.data(), raw.size(), out.data(), &length) != SNAPPY_OK) return {};
  out.resize(length);
  return out;
}

bool MakeSeries(std::string_view name,
                const std::vector<std::pair<std::string_view, std::string_view>>& labels,
                double value, int64_t timestamp_ms, Series& out) {
  std::string metric = prometheus::SanitizeMetricName(name);
  if (metric.empty()) return false;
  out.labels.clear();
  out.labels.emplace_back("__name__", std::move(metric));
  for (const auto& [label, label_value] : labels) {
    if (label_value.empty()) continue;
    std::string normalised = prometheus::NormalizeLabelName(label);
    const bool taken = std::any_of(out.labels.begin(), out.labels.end(),
                                   [&](const auto& l) { return l.first == normalised; });
    if (!taken) out.labels.emplace_back(std::move(normalised), std::string(label_value));
  }
  std::sort(out.labels.begin(), out.labels.end());
  out.value = value;
  out.timestamp_ms = timestamp_ms;
  return true;
}

}  // namespace mensor::remote_write

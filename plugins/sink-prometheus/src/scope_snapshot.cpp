#include "scope_snapshot.hpp"

#include <mensor/abi.h>

#include <algorithm>
#include <tuple>

#include "text_format.hpp"

namespace mensor::prometheus {
namespace {

constexpr int64_t kNsPerMs = 1'000'000;

std::string_view TypeName(int32_t kind) {
  return kind == MENSOR_METRIC_COUNTER ? "counter" : "gauge";
}

}  // namespace

void ScopeSnapshot::Add(const SampleInput& sample) {
  std::string family = SanitizeMetricName(sample.name);
  if (family.empty()) return;

  // Label order in the line follows the sample (the host composes them Promitor's way); the
  // identity uses sorted pairs so the same series always sorts and de-duplicates the same.
  // A series has a handful of labels: a linear scan of the pairs already kept finds repeated
  // names without the per-sample hash set (its nodes were a visible share of a large cycle's
  // allocations).
  std::vector<std::string> pairs;
  pairs.reserve(sample.labels.size());
  for (const auto& [raw_name, raw_value] : sample.labels) {
    std::string name = NormalizeLabelName(raw_name);
    const bool seen = std::any_of(pairs.begin(), pairs.end(), [&](const std::string& pair) {
      return pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 &&
             pair[name.size()] == '=';
    });
    if (seen) continue;  // first writer wins, as in Promitor
    std::string pair = std::move(name);
    pair.reserve(pair.size() + raw_value.size() + 4);
    pair += "=\"";
    AppendEscapedLabelValue(pair, raw_value, options_.lowercase_label_values);
    pair += '"';
    pairs.push_back(std::move(pair));
  }

  SeriesEntry entry;
  size_t line_size = family.size() + 48;
  for (const std::string& pair : pairs) line_size += pair.size() + 1;
  entry.line.reserve(line_size);
  entry.line = family;
  if (!pairs.empty()) {
    entry.line += '{';
    for (size_t i = 0; i < pairs.size(); ++i) {
      if (i > 0) entry.line += ',';
      entry.line += pairs[i];
    }
    entry.line += '}';
  }
  entry.line += ' ';
  entry.line += FormatValue(sample.has_value ? sample.value : options_.unavailable_value);
  if (options_.timestamps && sample.timestamp_unix_ns > 0) {
    entry.line += ' ';
    entry.line += std::to_string(sample.timestamp_unix_ns / kNsPerMs);
  }
  entry.line += '\n';

  std::sort(pairs.begin(), pairs.end());
  // FNV-1a over the sorted pairs: equal label sets hash equally whatever their order.
  uint64_t hash = 1469598103934665603ull;
  for (const std::string& pair : pairs) {
    for (unsigned char c : pair) hash = (hash ^ c) * 1099511628211ull;
    hash = (hash ^ ',') * 1099511628211ull;
  }
  entry.identity = hash;

  if (families_.find(family) == families_.end()) {
    families_.emplace(
        family, FamilyMeta{EscapeHelp(sample.description), std::string(TypeName(sample.kind))});
  }
  entry.family = std::move(family);
  series_.push_back(std::move(entry));
}

size_t ScopeSnapshot::Finish() {
  std::stable_sort(series_.begin(), series_.end(), [](const SeriesEntry& a, const SeriesEntry& b) {
    return std::tie(a.family, a.identity) < std::tie(b.family, b.identity);
  });
  auto last =
      std::unique(series_.begin(), series_.end(), [](const SeriesEntry& a, const SeriesEntry& b) {
        return a.family == b.family && a.identity == b.identity;
      });
  size_t duplicates = static_cast<size_t>(series_.end() - last);
  series_.erase(last, series_.end());
  // Hashes say nothing to a reader: the body lists a family's series in text order.
  std::sort(series_.begin(), series_.end(), [](const SeriesEntry& a, const SeriesEntry& b) {
    return std::tie(a.family, a.line) < std::tie(b.family, b.line);
  });
  return duplicates;
}

}  // namespace mensor::prometheus

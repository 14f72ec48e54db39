#include "scope_snapshot.hpp"

#include <mensor/abi.h>

#include <algorithm>
#include <functional>
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

  // The line is rendered in place; each kept label pair is remembered as a span of it. Label
  // order in the line follows the sample (the host composes them Promitor's way); the identity
  // hashes the pairs sorted, so the same series always sorts and de-duplicates the same. This
  // runs for every series of every cycle: no temporary string per label.
  SeriesEntry entry;
  std::string& line = entry.line;
  size_t estimate = family.size() + 48;
  for (const auto& [name, value] : sample.labels) estimate += name.size() + value.size() + 8;
  line.reserve(estimate);
  line = family;
  spans_.clear();
  for (const auto& [raw_name, raw_value] : sample.labels) {
    const size_t separator = line.size();
    line += spans_.empty() ? '{' : ',';
    const size_t begin = line.size();
    AppendNormalizedLabelName(line, raw_name);
    const std::string_view name(line.data() + begin, line.size() - begin);
    const bool seen = std::any_of(spans_.begin(), spans_.end(), [&](const PairSpan& pair) {
      return std::string_view(line.data() + pair.begin, pair.name_end - pair.begin) == name;
    });
    if (seen) {  // first writer wins, as in Promitor
      line.resize(separator);
      continue;
    }
    const size_t name_end = line.size();
    line += "=\"";
    AppendEscapedLabelValue(line, raw_value, options_.lowercase_label_values);
    line += '"';
    spans_.push_back(PairSpan{begin, name_end, line.size()});
  }
  if (!spans_.empty()) line += '}';
  line += ' ';
  line += FormatValue(sample.has_value ? sample.value : options_.unavailable_value);
  if (options_.timestamps && sample.timestamp_unix_ns > 0) {
    line += ' ';
    line += std::to_string(sample.timestamp_unix_ns / kNsPerMs);
  }
  line += '\n';

  // The identity mixes one hash per pair with a commutative sum: equal label sets get equal
  // identities whatever their order, without sorting the pairs.
  uint64_t hash = 0x9e3779b97f4a7c15ull;
  for (const PairSpan& pair : spans_) {
    uint64_t h = std::hash<std::string_view>{}(
        std::string_view(line.data() + pair.begin, pair.end - pair.begin));
    h ^= h >> 33;  // splitmix64 finaliser: spreads each pair's hash before the sum
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    hash += h;
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

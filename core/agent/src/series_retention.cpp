#include "mensor/agent/series_retention.hpp"

#include "mensor/azure/value_selection.hpp"
#include "mensor/util/strings.hpp"

#include <string_view>

namespace mensor::agent {
namespace {

constexpr char kSeparator = '\x1f';

// A series' key within its scope: its dimension values, joined (the names are the scope's).
// Into a reused buffer: this runs for every dimensional series of every cycle.
void ValuesKey(const azure::TimeSeries& series, std::string& key) {
  key.clear();
  for (const auto& [name, value] : series.dimensions) {
    if (!key.empty()) key += kSeparator;
    key += value;
  }
}

bool SameNames(const std::vector<std::string>& names, const azure::TimeSeries& series) {
  if (names.size() != series.dimensions.size()) return false;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!util::EqualsIgnoreCase(names[i], series.dimensions[i].first)) return false;
  }
  return true;
}

// The dimensions of a kept series again: the scope's names with the values of its key.
bool Dimensions(const std::vector<std::string>& names, std::string_view key,
                std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  for (const std::string& name : names) {
    const size_t end = key.find(kSeparator);
    out.emplace_back(name, std::string(key.substr(0, end)));
    key = end == std::string_view::npos ? std::string_view() : key.substr(end + 1);
    if (end == std::string_view::npos && out.size() != names.size()) return false;
  }
  return key.empty() && out.size() == names.size();
}

void SetAggregate(azure::DataPoint& point, azure::Aggregation aggregation, double value) {
  switch (aggregation) {
    case azure::Aggregation::kAverage:
      point.average = value;
      break;
    case azure::Aggregation::kCount:
      point.count = value;
      break;
    case azure::Aggregation::kMinimum:
      point.minimum = value;
      break;
    case azure::Aggregation::kMaximum:
      point.maximum = value;
      break;
    case azure::Aggregation::kTotal:
    case azure::Aggregation::kNone:
      point.total = value;
      break;
  }
}

}  // namespace

const azure::MetricResult& SeriesRetention::Merge(
    const std::string& scope, const azure::MetricResult& metric, azure::Aggregation aggregation,
    std::chrono::seconds interval, azure::TimePoint now, azure::MetricResult& storage) {
  const bool dimensional = !metric.series.empty() && !metric.series.front().dimensions.empty();
  if (!dimensional && tracked_.load(std::memory_order_acquire) == 0) return metric;
  std::lock_guard lock(mutex_);
  if (cycles_ == 1 || (!dimensional && scopes_.count(scope) == 0)) {
    scopes_.erase(scope);
    tracked_.store(scopes_.size(), std::memory_order_release);
    return metric;
  }
  Scope& state = scopes_[scope];
  tracked_.store(scopes_.size(), std::memory_order_release);
  state.failures = 0;
  // Updated in place (the same dimension values come back cycle after cycle): no new map, and
  // per series only its values (the names are the scope's).
  for (const azure::TimeSeries& series : metric.series) {
    if (series.dimensions.empty() || SameNames(state.names, series)) continue;
    // Other dimensions than before (the answer of another filter): other series altogether.
    state.names.clear();
    for (const auto& dimension : series.dimensions) state.names.push_back(dimension.first);
    state.series.clear();
    break;
  }
  const uint64_t generation = ++state.generation;
  for (const azure::TimeSeries& series : metric.series) {
    if (series.dimensions.empty() || !SameNames(state.names, series)) continue;
    ValuesKey(series, key_);
    Kept& kept = state.series[key_];
    kept.seen = generation;
    kept.missing = 0;
    kept.has_value = false;
    if (auto selected = azure::SelectValue(series, aggregation, interval, now)) {
      kept.has_value = true;
      kept.value = selected->value;
      kept.bucket_start = std::chrono::duration_cast<std::chrono::seconds>(
                              selected->bucket_start.time_since_epoch())
                              .count();
    }
  }
  std::vector<std::pair<std::string_view, const Kept*>> vanished;
  for (auto it = state.series.begin(); it != state.series.end();) {
    Kept& kept = it->second;
    if (kept.seen == generation) {
      ++it;
    } else if (kept.missing + 1 >= cycles_) {
      it = state.series.erase(it);
    } else {
      ++kept.missing;
      vanished.emplace_back(it->first, &kept);
      ++it;
    }
  }
  if (vanished.empty()) return metric;
  storage = metric;
  for (const auto& [key, kept] : vanished) {
    azure::TimeSeries series;
    if (!Dimensions(state.names, key, series.dimensions)) continue;
    if (kept->has_value) {
      azure::DataPoint point;
      point.timestamp = azure::TimePoint(std::chrono::seconds(kept->bucket_start));
      SetAggregate(point, aggregation, kept->value);
      series.points.push_back(point);
    }
    storage.series.push_back(std::move(series));
  }
  return storage;
}

bool SeriesRetention::Failed(const std::string& scope) {
  std::lock_guard lock(mutex_);
  Scope& state = scopes_[scope];
  const bool drop = ++state.failures >= cycles_;
  if (drop) scopes_.erase(scope);
  tracked_.store(scopes_.size(), std::memory_order_release);
  return drop;
}

}  // namespace mensor::agent

#include "mensor/agent/series_retention.hpp"

#include "mensor/azure/value_selection.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {
namespace {

// Into a reused buffer: this runs for every dimensional series of every cycle.
void KeyOf(const azure::TimeSeries& series, std::string& key) {
  key.clear();
  for (const auto& [name, value] : series.dimensions) {
    for (const char c : name) key += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    key += '\x1f';
    key += value;
    key += '\x1e';
  }
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
  // Updated in place (the same dimension values come back cycle after cycle): no new map and
  // no copy of the dimensions per answer.
  const uint64_t generation = ++state.generation;
  for (const azure::TimeSeries& series : metric.series) {
    if (series.dimensions.empty()) continue;
    KeyOf(series, key_);
    auto found = state.series.find(key_);
    if (found == state.series.end()) {
      found = state.series.emplace(key_, Kept{series.dimensions}).first;
    } else if (found->second.dimensions != series.dimensions) {
      found->second.dimensions = series.dimensions;  // names may come back in other case
    }
    Kept& kept = found->second;
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
  std::vector<const Kept*> vanished;
  for (auto it = state.series.begin(); it != state.series.end();) {
    Kept& kept = it->second;
    if (kept.seen == generation) {
      ++it;
    } else if (kept.missing + 1 >= cycles_) {
      it = state.series.erase(it);
    } else {
      ++kept.missing;
      vanished.push_back(&kept);
      ++it;
    }
  }
  if (vanished.empty()) return metric;
  storage = metric;
  for (const Kept* kept : vanished) {
    azure::TimeSeries series;
    series.dimensions = kept->dimensions;
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

#include "mensor/agent/series_retention.hpp"

#include "mensor/azure/value_selection.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {
namespace {

std::string KeyOf(const azure::TimeSeries& series) {
  std::string key;
  for (const auto& [name, value] : series.dimensions) {
    key += util::ToLowerAscii(name);
    key += '\x1f';
    key += value;
    key += '\x1e';
  }
  return key;
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
  std::lock_guard lock(mutex_);
  const bool dimensional = !metric.series.empty() && !metric.series.front().dimensions.empty();
  if (cycles_ == 1 || (!dimensional && scopes_.count(scope) == 0)) {
    scopes_.erase(scope);
    return metric;
  }
  Scope& state = scopes_[scope];
  state.failures = 0;
  std::unordered_map<std::string, Kept> next;
  next.reserve(metric.series.size());
  for (const azure::TimeSeries& series : metric.series) {
    if (series.dimensions.empty()) continue;
    Kept kept{series.dimensions};
    if (auto selected = azure::SelectValue(series, aggregation, interval, now)) {
      kept.has_value = true;
      kept.value = selected->value;
      kept.bucket_start = std::chrono::duration_cast<std::chrono::seconds>(
                              selected->bucket_start.time_since_epoch())
                              .count();
    }
    next.insert_or_assign(KeyOf(series), std::move(kept));
  }
  std::vector<const Kept*> vanished;
  for (auto& [key, old] : state.series) {
    if (next.count(key) != 0 || old.missing + 1 >= cycles_) continue;
    Kept carried = std::move(old);
    ++carried.missing;
    vanished.push_back(&next.insert_or_assign(key, std::move(carried)).first->second);
  }
  state.series = std::move(next);
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
  if (++state.failures < cycles_) return false;
  scopes_.erase(scope);
  return true;
}

}  // namespace mensor::agent

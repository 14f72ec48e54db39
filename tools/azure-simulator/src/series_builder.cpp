#include "series_builder.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "iso8601.hpp"

namespace mensor::sim {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

struct Point {
  TimePoint start;
  std::array<std::pair<Aggregation, double>, 5> values;  // one per aggregation asked for
  size_t count = 0;                                      // 0: no data (the filling bucket)

  const double* Find(Aggregation aggregation) const {
    for (size_t i = 0; i < count; ++i) {
      if (values[i].first == aggregation) return &values[i].second;
    }
    return nullptr;
  }
};

struct Series {
  Cell fixed;  // The filtered dimensions and their values; the rest are pooled.
  std::vector<Point> data;
  double order_key = 0;
};

std::vector<std::string> AllValues(const SeriesContext& context, const std::string& dimension) {
  if (EqualsIgnoreCase(dimension, context.type.entity_dimension)) {
    std::vector<std::string> names;
    for (const auto& entity : context.resource.entities) names.push_back(entity.name);
    return names;
  }
  const auto* values = context.type.FixedValues(dimension);
  return values ? *values : std::vector<std::string>{};
}

const std::string* CanonicalDimension(const MetricDefinition& metric, std::string_view name) {
  for (const auto& dimension : metric.dimensions) {
    if (EqualsIgnoreCase(dimension, name)) return &dimension;
  }
  return nullptr;
}

// The cartesian product of the filter's selected values, one Cell per series.
std::vector<Cell> SelectSeries(const SeriesContext& context, const MetricsQuery& query,
                               const MetricDefinition& metric) {
  std::vector<Cell> series = {Cell{}};
  if (!query.filter) return series;
  for (const auto& clause : query.filter->dimensions) {
    const std::string* dimension = CanonicalDimension(metric, clause.dimension);
    if (dimension == nullptr) continue;  // Only reachable with ValidateDimensions=false.
    std::vector<std::string> selected;
    for (const auto& value : AllValues(context, *dimension)) {
      const bool wanted = clause.wildcard || std::any_of(clause.values.begin(), clause.values.end(),
                                                         [&](const std::string& v) {
                                                           return EqualsIgnoreCase(v, value);
                                                         });
      if (wanted) selected.push_back(value);
    }
    std::vector<Cell> expanded;
    for (const auto& prefix : series) {
      for (const auto& value : selected) {
        Cell cell = prefix;
        cell.emplace_back(*dimension, value);
        expanded.push_back(std::move(cell));
      }
    }
    series = std::move(expanded);
  }
  return series;
}

// Every full dimension assignment consistent with the series' fixed values.
std::vector<Cell> CellsOf(const SeriesContext& context, const MetricDefinition& metric,
                          const Cell& fixed) {
  std::vector<Cell> cells = {Cell{}};
  for (const auto& dimension : metric.dimensions) {
    std::vector<std::string> values;
    const auto match = std::find_if(fixed.begin(), fixed.end(),
                                    [&](const auto& entry) { return entry.first == dimension; });
    values = match != fixed.end() ? std::vector<std::string>{match->second}
                                  : AllValues(context, dimension);
    std::vector<Cell> expanded;
    for (const auto& prefix : cells) {
      for (const auto& value : values) {
        Cell cell = prefix;
        cell.emplace_back(dimension, value);
        expanded.push_back(std::move(cell));
      }
    }
    cells = std::move(expanded);
  }
  return cells;
}

struct Pool {
  double sum = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  long long count = 0;

  void Add(double value) {
    sum += value;
    min = std::min(min, value);
    max = std::max(max, value);
    ++count;
  }
  double Get(Aggregation aggregation) const {
    switch (aggregation) {
      case Aggregation::kAverage:
        return sum / static_cast<double>(count);
      case Aggregation::kMinimum:
        return min;
      case Aggregation::kMaximum:
        return max;
      case Aggregation::kTotal:
        return sum;
      case Aggregation::kCount:
        return static_cast<double>(count);
    }
    return 0;
  }
};

Point BuildPoint(const SeriesContext& context, const MetricsQuery& query,
                 const MetricDefinition& metric, const std::vector<World::SeriesSeed>& cells,
                 TimePoint bucket_start, TimePoint bucket_end) {
  Point point{bucket_start, {}, 0};
  // Only minutes that are over have been measured; the bucket containing now stays open.
  if (!query.full_interval && bucket_end > context.now) return point;
  Pool pool;
  const TimePoint last = std::min(bucket_end, context.now);
  for (TimePoint minute = FloorTo(bucket_start, minutes(1)); minute + minutes(1) <= last;
       minute += minutes(1)) {
    for (const auto& cell : cells) pool.Add(context.world.Sample(cell, minute));
  }
  if (pool.count == 0) return point;
  for (auto aggregation : query.AggregationsFor(metric)) {
    if (point.count == point.values.size() || point.Find(aggregation)) continue;
    point.values[point.count++] = {aggregation, pool.Get(aggregation)};
  }
  return point;
}

void WriteLocalizable(JsonText& json, std::string_view value, std::string_view localized) {
  json.Key("name").BeginObject().Field("value", value).Field("localizedValue", localized);
  json.EndObject();
}

void WriteMetadataValues(JsonText& json, const Cell& fixed) {
  json.Key("metadatavalues").BeginArray();
  for (const auto& [dimension, value] : fixed) {
    const std::string name = ToLower(dimension);
    json.BeginObject();
    WriteLocalizable(json, name, name);
    json.Field("value", value).EndObject();
  }
  json.EndArray();
}

void WriteData(JsonText& json, const std::vector<Point>& data) {
  json.Key("data").BeginArray();
  for (const Point& point : data) {
    json.BeginObject().Field("timeStamp", FormatIsoTimestamp(point.start));
    for (size_t i = 0; i < point.count; ++i) {
      json.Key(AggregationJsonField(point.values[i].first)).Number(point.values[i].second);
    }
    json.EndObject();
  }
  json.EndArray();
}

std::string MetricId(std::string_view resource_id, const MetricDefinition& metric) {
  std::string id;
  if (!resource_id.starts_with('/')) id += '/';
  id += resource_id;
  id += "/providers/Microsoft.Insights/metrics/";
  id += metric.name;
  return id;
}

}  // namespace

void WriteMetricValue(JsonText& json, const SeriesContext& context, const MetricsQuery& query,
                      const MetricDefinition& metric, long long& cost) {
  std::vector<Series> series;
  for (auto& fixed : SelectSeries(context, query, metric))
    series.push_back({std::move(fixed), {}, 0});

  for (auto& entry : series) {
    if (query.metadata_only) continue;
    // Seeded once per series: the key of each cell is hashed once, not once per minute.
    std::vector<World::SeriesSeed> cells;
    for (const Cell& cell : CellsOf(context, metric, entry.fixed)) {
      cells.push_back(context.world.Seed(context.resource, context.type, metric, cell));
    }
    const auto append = [&](TimePoint start, TimePoint end) {
      entry.data.push_back(BuildPoint(context, query, metric, cells, start, end));
    };
    if (query.full_interval) {
      append(query.range.start, query.range.end);
    } else {
      for (TimePoint t = FloorTo(query.range.start, query.interval); t < query.range.end;
           t += query.interval) {
        append(t, t + query.interval);
      }
    }
    cost += static_cast<long long>(entry.data.size());
    if (query.order_by) {
      double total = 0;
      int points = 0;
      for (const Point& point : entry.data) {
        if (const double* value = point.Find(query.order_by->aggregation)) {
          total += *value, ++points;
        }
      }
      entry.order_key = points > 0 ? total / points : 0;
    }
  }

  if (query.order_by) {
    const bool descending = query.order_by->descending;
    std::stable_sort(series.begin(), series.end(), [&](const Series& a, const Series& b) {
      return descending ? a.order_key > b.order_key : a.order_key < b.order_key;
    });
  }
  // `top` caps the series per metric, and only when a filter asked for a split.
  if (query.filter && series.size() > static_cast<size_t>(query.top)) series.resize(query.top);

  json.BeginObject()
      .Field("id", MetricId(context.resource_id, metric))
      .Field("type", "Microsoft.Insights/metrics");
  WriteLocalizable(json, metric.name, metric.display_name);
  json.Field("displayDescription", metric.description).Field("unit", metric.unit);
  json.Key("timeseries").BeginArray();
  for (const Series& entry : series) {
    json.BeginObject();
    WriteMetadataValues(json, entry.fixed);
    if (!query.metadata_only) WriteData(json, entry.data);
    json.EndObject();
  }
  json.EndArray().Field("errorCode", "Success").EndObject();
}

void WriteEmptyMetricValue(JsonText& json, std::string_view resource_id,
                           const MetricDefinition& metric) {
  json.BeginObject()
      .Field("id", MetricId(resource_id, metric))
      .Field("type", "Microsoft.Insights/metrics");
  WriteLocalizable(json, metric.name, metric.name);
  json.Field("unit", metric.unit);
  json.Key("timeseries").BeginArray().EndArray();
  json.Field("errorCode", "Success").EndObject();
}

}  // namespace mensor::sim

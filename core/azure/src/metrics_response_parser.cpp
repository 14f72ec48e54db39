#include "metrics_response_parser.hpp"

#include <array>
#include <utility>

namespace mensor::azure::internal {
namespace {

// Capacities reserved up front, so the vectors do not grow (and move) element by element: a
// getBatch answer holds at most 50 resources, and the agent asks for a few grains per series.
constexpr size_t kBatchIds = 50;
constexpr size_t kPoints = 6;

}  // namespace

MetricsResponseParser::MetricsResponseParser(MetricsResponse* metrics, BatchResponse* batch)
    : metrics_(metrics), batch_(batch) {
  stack_.reserve(16);
}

bool MetricsResponseParser::Parse(std::string_view body) {
  stack_.assign(1, Frame{Kind::kDocument});
  const bool read = reader_.Read(body, *this);
  syntax_error_ = reader_.syntax_error();
  return read && error_.empty();
}

MetricsResponseParser::Key MetricsResponseParser::Classify(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Key>, 24> kKeys{{
      {"values", Key::kValues},         {"value", Key::kValue},
      {"timespan", Key::kTimespan},     {"interval", Key::kInterval},
      {"namespace", Key::kNamespace},   {"resourceregion", Key::kResourceRegion},
      {"resourceid", Key::kResourceid}, {"resourceId", Key::kResourceId},
      {"starttime", Key::kStartTime},   {"endtime", Key::kEndTime},
      {"id", Key::kId},                 {"name", Key::kName},
      {"unit", Key::kUnit},             {"errorCode", Key::kErrorCode},
      {"errorMessage", Key::kErrorMessage}, {"timeseries", Key::kTimeseries},
      {"metadatavalues", Key::kMetadataValues}, {"data", Key::kData},
      {"timeStamp", Key::kTimeStamp},   {"average", Key::kAverage},
      {"minimum", Key::kMinimum},       {"maximum", Key::kMaximum},
      {"total", Key::kTotal},           {"count", Key::kCount},
  }};
  for (const auto& [text, key] : kKeys) {
    if (text == name) return key;
  }
  return Key::kOther;
}

bool MetricsResponseParser::null() { return Value(Type::kNull, nullptr, 0); }
bool MetricsResponseParser::boolean(bool) { return Value(Type::kOther, nullptr, 0); }
bool MetricsResponseParser::string(std::string& value) { return Value(Type::kString, &value, 0); }
bool MetricsResponseParser::start_object() { return Value(Type::kObject, nullptr, 0); }
bool MetricsResponseParser::start_array() { return Value(Type::kArray, nullptr, 0); }

bool MetricsResponseParser::key(std::string& name) {
  Frame& top = stack_.back();
  if (top.kind != Kind::kSkip) top.key = Classify(name);
  return true;
}

bool MetricsResponseParser::end_object() {
  const Kind kind = stack_.back().kind;
  stack_.pop_back();
  switch (kind) {
    case Kind::kBatchRoot:
      if (!seen_values_) return Fail("batch response has no 'values' array");
      break;
    case Kind::kResponse:
      if (!seen_value_) return Fail("response has no 'value' array");
      if (item_ != nullptr) {
        if (item_->resource_id.empty()) item_->resource_id = std::move(item_camel_id_);
        if (item_->resource_id.empty()) {
          item_error_ = true;
          return Fail("batch response item has no resourceid");
        }
      }
      break;
    case Kind::kPoint: {
      const std::optional<TimePoint> time =
          stamp_seen_ ? ParseTimestamp(stamp_) : std::optional<TimePoint>{};
      if (!time) {
        return Fail("data point has a missing or invalid timeStamp '" + stamp_.substr(0, 40) +
                    "'");
      }
      point_->timestamp = *time;
      break;
    }
    default:
      break;
  }
  return true;
}

bool MetricsResponseParser::end_array() {
  stack_.pop_back();
  return true;
}

bool MetricsResponseParser::Value(Type type, const std::string* text, double number) {
  Frame& top = stack_.back();
  switch (top.kind) {
    case Kind::kSkip:
      break;
    case Kind::kDocument:
      if (batch_ != nullptr) {
        if (type != Type::kObject) return Fail("batch response has no 'values' array");
        return Open(Kind::kBatchRoot);
      }
      if (type != Type::kObject) return Fail("response is not a JSON object");
      response_ = metrics_;
      return Open(Kind::kResponse);
    case Kind::kBatchRoot:
      if (top.key != Key::kValues) break;
      if (type != Type::kArray) return Fail("batch response has no 'values' array");
      seen_values_ = true;
      batch_->values.clear();
      batch_->values.reserve(kBatchIds);
      return Open(Kind::kBatchValues);
    case Kind::kBatchValues:
      if (type != Type::kObject) return Fail("response is not a JSON object");
      item_ = &batch_->values.emplace_back();
      item_camel_id_.clear();
      response_ = &item_->response;
      seen_value_ = false;
      return Open(Kind::kResponse);
    case Kind::kResponse:
      return InResponse(top.key, type, text);
    case Kind::kMetrics:
      if (type != Type::kObject) return Fail("metric is not an object");
      metric_ = &response_->metrics.emplace_back();
      return Open(Kind::kMetric);
    case Kind::kMetric:
      return InMetric(top.key, type, text);
    case Kind::kLocalizable:
      if (top.key == Key::kValue) return SetString(*localizable_, "value", type, text);
      break;
    case Kind::kSeriesList:
      if (type != Type::kObject) return Fail("time series is not an object");
      series_ = &metric_->series.emplace_back();
      return Open(Kind::kSeries);
    case Kind::kSeries:
      return InSeries(top.key, type);
    case Kind::kMetadataList:
      if (type != Type::kObject) return Fail("metadata value is not an object");
      metadata_ = &series_->dimensions.emplace_back();
      return Open(Kind::kMetadata);
    case Kind::kMetadata:
      return InMetadata(top.key, type, text);
    case Kind::kPoints:
      if (type != Type::kObject) return Fail("data point is not an object");
      point_ = &series_->points.emplace_back();
      stamp_.clear();
      stamp_seen_ = false;
      return Open(Kind::kPoint);
    case Kind::kPoint:
      return InPoint(top.key, type, text, number);
  }
  // A member or element nobody reads: skip it, however deep.
  if (type == Type::kObject || type == Type::kArray) return Open(Kind::kSkip);
  return true;
}

bool MetricsResponseParser::InResponse(Key key, Type type, const std::string* text) {
  switch (key) {
    case Key::kTimespan: return SetString(response_->timespan, "timespan", type, text);
    case Key::kInterval: return SetString(response_->interval, "interval", type, text);
    case Key::kNamespace: return SetString(response_->namespace_, "namespace", type, text);
    case Key::kResourceRegion: return SetString(response_->region, "resourceregion", type, text);
    case Key::kValue:
      if (type != Type::kArray) return Fail("response has no 'value' array");
      seen_value_ = true;
      response_->metrics.clear();
      response_->metrics.reserve(4);
      return Open(Kind::kMetrics);
    default:
      break;
  }
  if (item_ != nullptr) {
    switch (key) {
      case Key::kResourceid: return SetString(item_->resource_id, "resourceid", type, text);
      case Key::kResourceId: return SetString(item_camel_id_, "resourceId", type, text);
      case Key::kStartTime: return SetString(item_->start_time, "starttime", type, text);
      case Key::kEndTime: return SetString(item_->end_time, "endtime", type, text);
      default: break;
    }
  }
  return type == Type::kObject || type == Type::kArray ? Open(Kind::kSkip) : true;
}

bool MetricsResponseParser::InMetric(Key key, Type type, const std::string* text) {
  switch (key) {
    case Key::kId: return SetString(metric_->id, "id", type, text);
    case Key::kName: return SetLocalizable(metric_->name, "name", type, text);
    case Key::kUnit: return SetString(metric_->unit, "unit", type, text);
    case Key::kErrorCode: return SetString(metric_->error_code, "errorCode", type, text);
    case Key::kErrorMessage: return SetString(metric_->error_message, "errorMessage", type, text);
    case Key::kTimeseries:
      if (type == Type::kNull) return true;
      if (type != Type::kArray) return Fail("timeseries is not an array");
      metric_->series.clear();
      return Open(Kind::kSeriesList);
    default:
      return type == Type::kObject || type == Type::kArray ? Open(Kind::kSkip) : true;
  }
}

bool MetricsResponseParser::InSeries(Key key, Type type) {
  if (key == Key::kMetadataValues) {
    if (type == Type::kNull) return true;
    if (type != Type::kArray) return Fail("metadatavalues is not an array");
    series_->dimensions.clear();
    return Open(Kind::kMetadataList);
  }
  if (key == Key::kData) {
    if (type == Type::kNull) return true;
    if (type != Type::kArray) return Fail("data is not an array");
    series_->points.clear();
    series_->points.reserve(kPoints);
    return Open(Kind::kPoints);
  }
  return type == Type::kObject || type == Type::kArray ? Open(Kind::kSkip) : true;
}

bool MetricsResponseParser::InMetadata(Key key, Type type, const std::string* text) {
  if (key == Key::kName) return SetLocalizable(metadata_->first, "name", type, text);
  if (key == Key::kValue) return SetString(metadata_->second, "value", type, text);
  return type == Type::kObject || type == Type::kArray ? Open(Kind::kSkip) : true;
}

bool MetricsResponseParser::InPoint(Key key, Type type, const std::string* text, double number) {
  std::optional<double>* aggregate = nullptr;
  const char* name = nullptr;
  switch (key) {
    case Key::kTimeStamp:
      if (type == Type::kNull) return true;
      if (type != Type::kString) return Fail("member 'timeStamp' is not a string");
      stamp_ = *text;
      stamp_seen_ = true;
      return true;
    case Key::kAverage: aggregate = &point_->average, name = "average"; break;
    case Key::kMinimum: aggregate = &point_->minimum, name = "minimum"; break;
    case Key::kMaximum: aggregate = &point_->maximum, name = "maximum"; break;
    case Key::kTotal: aggregate = &point_->total, name = "total"; break;
    case Key::kCount: aggregate = &point_->count, name = "count"; break;
    default:
      return type == Type::kObject || type == Type::kArray ? Open(Kind::kSkip) : true;
  }
  if (type == Type::kNull) {  // absent = no data, not zero
    aggregate->reset();
    return true;
  }
  if (type != Type::kNumber) {
    return Fail("data point member '" + std::string(name) + "' is not a number");
  }
  *aggregate = number;
  return true;
}

bool MetricsResponseParser::SetString(std::string& out, const char* name, Type type,
                                      const std::string* text) {
  if (type == Type::kNull) return true;
  if (type != Type::kString) return Fail("member '" + std::string(name) + "' is not a string");
  out = *text;
  return true;
}

// `name` is either a string or a LocalizableString {value, localizedValue}.
bool MetricsResponseParser::SetLocalizable(std::string& out, const char* name, Type type,
                                           const std::string* text) {
  if (type == Type::kNull) return true;
  if (type == Type::kString) {
    out = *text;
    return true;
  }
  if (type == Type::kObject) {
    localizable_ = &out;
    return Open(Kind::kLocalizable);
  }
  return Fail("member '" + std::string(name) + "' is neither a string nor a localizable string");
}

}  // namespace mensor::azure::internal

#pragma once

// A streaming reader of the metrics and getBatch answers. A getBatch answer for 50 resources is
// ~100 KB of JSON; building an nlohmann DOM for it and then copying the members out was half of
// the agent's CPU in a 50,000-target cycle (map nodes and strings per member). This fills the
// result structures as JsonReader's tokens go by and skips what it does not need.

#include <cstdint>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "mensor/azure/metrics_response.hpp"

namespace mensor::azure::internal {

class MetricsResponseParser final : public JsonHandler {
 public:
  /// Reads an ARM metrics answer into `*metrics`, or a getBatch answer into `*batch` (exactly
  /// one of them non-null).
  MetricsResponseParser(MetricsResponse* metrics, BatchResponse* batch);

  /// false with error() set: invalid JSON (syntax_error()) or a member of the wrong shape.
  bool Parse(std::string_view body);
  const std::string& error() const { return error_; }
  bool syntax_error() const { return syntax_error_; }
  /// The error names the whole item (no "member ..." detail to prefix).
  bool item_error() const { return item_error_; }

  bool null() override;
  bool boolean(bool) override;
  bool number(double value) override { return Value(Type::kNumber, nullptr, value); }
  bool string(std::string& value) override;
  bool start_object() override;
  bool key(std::string& name) override;
  bool end_object() override;
  bool start_array() override;
  bool end_array() override;

 private:
  enum class Kind : uint8_t {
    kDocument, kBatchRoot, kBatchValues, kResponse, kMetrics, kMetric, kLocalizable, kSeriesList,
    kSeries, kMetadataList, kMetadata, kPoints, kPoint, kSkip
  };
  enum class Key : uint8_t {
    kOther, kValues, kValue, kTimespan, kInterval, kNamespace, kResourceRegion, kResourceid,
    kResourceId, kStartTime, kEndTime, kId, kName, kUnit, kErrorCode, kErrorMessage, kTimeseries,
    kMetadataValues, kData, kTimeStamp, kAverage, kMinimum, kMaximum, kTotal, kCount
  };
  enum class Type : uint8_t { kNull, kOther, kNumber, kString, kObject, kArray };
  struct Frame {
    Kind kind;
    Key key = Key::kOther;  // the member whose value comes next (objects)
  };

  static Key Classify(std::string_view name);
  // Where the value of the current member or array element goes; opens a frame for containers.
  bool Value(Type type, const std::string* text, double number);
  bool InResponse(Key key, Type type, const std::string* text);
  bool InMetric(Key key, Type type, const std::string* text);
  bool InSeries(Key key, Type type);
  bool InMetadata(Key key, Type type, const std::string* text);
  bool InPoint(Key key, Type type, const std::string* text, double number);
  bool SetString(std::string& out, const char* name, Type type, const std::string* text);
  bool SetLocalizable(std::string& out, const char* name, Type type, const std::string* text);
  bool Open(Kind kind) {
    stack_.push_back(Frame{kind});
    return true;
  }
  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  JsonReader reader_;
  MetricsResponse* metrics_;
  BatchResponse* batch_;
  std::vector<Frame> stack_;
  // The innermost object being filled at each level; stable while inner vectors grow.
  MetricsResponse* response_ = nullptr;
  BatchResourceResult* item_ = nullptr;
  std::string item_camel_id_;  // "resourceId", used when "resourceid" is absent
  bool seen_value_ = false;
  bool seen_values_ = false;
  MetricResult* metric_ = nullptr;
  TimeSeries* series_ = nullptr;
  std::pair<std::string, std::string>* metadata_ = nullptr;
  DataPoint* point_ = nullptr;
  std::string stamp_;
  bool stamp_seen_ = false;
  std::string* localizable_ = nullptr;
  std::string error_;
  bool syntax_error_ = false;
  bool item_error_ = false;
};

}  // namespace mensor::azure::internal

// Plain records the FakeHost fills (or reads): calls, targets, metrics, HTTP, batches, replies.
// Each record that the ABI sees as an opaque handle exposes raw(): the handle is simply the
// record's address, cast, so no fake type ever defines the host's opaque structs.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// A report() made during a call.
struct Diagnostic {
  int32_t severity = MENSOR_SEVERITY_ERROR;
  std::string key;  // "" for the entry itself (NULL key)
  std::string message;
};

/// A log line; `instance` is the name given to the ctx ("" for library level).
struct LogRecord {
  int32_t level = MENSOR_LOG_INFO;
  std::string instance;
  std::string message;
};

/// State behind a mensor_call: inputs (cancelled, deadline) and what the plugin recorded.
struct FakeCall {
  bool cancelled = false;
  int64_t deadline_mono_ns = 0;
  mensor_status error_status = MENSOR_OK;  // last set_error
  std::string error_message;
  std::vector<Diagnostic> diagnostics;

  mensor_call* raw() { return reinterpret_cast<mensor_call*>(this); }
  static FakeCall* From(const mensor_call* call) {
    return reinterpret_cast<FakeCall*>(const_cast<mensor_call*>(call));
  }
  /// Diagnostics of `severity` reported at `key` ("" = entry level).
  std::vector<Diagnostic> At(std::string_view key, int32_t severity = MENSOR_SEVERITY_ERROR) const {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : diagnostics) {
      if (d.key == key && d.severity == severity) out.push_back(d);
    }
    return out;
  }
  size_t ErrorCount() const {
    size_t n = 0;
    for (const Diagnostic& d : diagnostics) n += d.severity == MENSOR_SEVERITY_ERROR;
    return n;
  }
};

/// State behind a mensor_target. Starts with the metric's configured dimensions; the first
/// target_add_dimension replaces them (as the host does), later ones append.
struct FakeTarget {
  std::map<int32_t, std::string> fields;
  HeaderList labels;
  std::vector<std::string> dimensions;
  bool dimensions_replaced = false;
  HeaderList properties;  // target_set_property (since 1.2); a repeated name replaces

  mensor_target* raw() { return reinterpret_cast<mensor_target*>(this); }
  static FakeTarget* From(mensor_target* t) { return reinterpret_cast<FakeTarget*>(t); }
  std::optional<std::string> Field(int32_t field) const {
    auto it = fields.find(field);
    return it == fields.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::string provider_path() const { return Field(MENSOR_TARGET_PROVIDER_PATH).value_or(""); }
  std::string instance_name() const { return Field(MENSOR_TARGET_INSTANCE_NAME).value_or(""); }
  std::string filter() const { return Field(MENSOR_TARGET_FILTER).value_or(""); }
  std::string first_dimension_label() const {
    return Field(MENSOR_TARGET_FIRST_DIMENSION_LABEL).value_or("");
  }
  std::optional<std::string> Label(std::string_view name) const {
    for (const auto& [k, v] : labels) {
      if (k == name) return v;
    }
    return std::nullopt;
  }
};

/// What a collect() call receives (since 1.2); converted to mensor_collect_request.
struct FakeCollectRequest {
  std::string metric_name = "test_metric";
  std::string azure_metric_name{};
  std::string query{};
  int64_t interval_ns = 300'000'000'000;
  HeaderList properties{};  // usually FakeTarget::properties of a Describe
  std::string storage_suffix = "core.windows.net";
  std::string log_analytics_endpoint = "https://api.loganalytics.io";
};

/// What a collect() call reported through collect_add.
struct FakeCollected {
  struct Value {
    bool has_value = false;
    double value = 0;
    HeaderList labels;
  };
  std::vector<Value> values;

  mensor_collect_out* raw() { return reinterpret_cast<mensor_collect_out*>(this); }
  static FakeCollected* From(mensor_collect_out* out) {
    return reinterpret_cast<FakeCollected*>(out);
  }
};

/// The metric a resource is validated/described for; converted to mensor_metric_info.
struct FakeMetric {
  std::string name = "test_metric";
  std::string azure_metric_name = "ActiveMessages";
  int32_t aggregation = MENSOR_AGGREGATION_AVERAGE;
  std::vector<std::string> dimensions{};
  std::string subscription_id = "00000000-0000-0000-0000-000000000001";
  std::string resource_group = "test-rg";
  std::string tenant_id = "00000000-0000-0000-0000-000000000002";
};

/// Keeps the C view of a FakeMetric alive (the FakeMetric must outlive it).
class MetricInfoView {
 public:
  explicit MetricInfoView(const FakeMetric& m) {
    using sdk::detail::ToStr;
    for (const std::string& d : m.dimensions) dims_.push_back(ToStr(d));
    info_ = mensor_metric_info{sizeof(mensor_metric_info),
                               ToStr(m.name),
                               ToStr(m.azure_metric_name),
                               m.aggregation,
                               dims_.empty() ? nullptr : dims_.data(),
                               dims_.size(),
                               ToStr(m.subscription_id),
                               ToStr(m.resource_group),
                               ToStr(m.tenant_id)};
  }
  MetricInfoView(const MetricInfoView&) = delete;
  MetricInfoView& operator=(const MetricInfoView&) = delete;
  const mensor_metric_info* raw() const { return &info_; }

 private:
  std::vector<mensor_str> dims_;
  mensor_metric_info info_{};
};

/// A request a plugin sent through http_send.
struct FakeHttpRequest {
  std::string method, url, body, auth_scope;
  HeaderList headers;
  int64_t timeout_ms = 0;
  std::optional<std::string> Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (sdk::detail::EqualsIgnoreCase(k, name)) return v;
    }
    return std::nullopt;
  }
};

/// A scripted answer. transport_error != OK makes http_send fail without a response.
struct FakeHttpResponse {
  int status = 200;
  std::string body{};
  HeaderList headers{};
  mensor_status transport_error = MENSOR_OK;
};

/// One sample of a FakeBatch.
struct FakeSample {
  std::string name;
  std::string description{};
  int32_t kind = MENSOR_METRIC_GAUGE;
  bool has_value = true;
  double value = 0;
  int64_t timestamp_unix_ns = 0;
  HeaderList labels{};  // (name, value)
};

/// State behind a mensor_batch: owns the samples and their C views.
class FakeBatch {
 public:
  explicit FakeBatch(std::vector<FakeSample> samples, std::string scope = "test-scope")
      : samples_(std::move(samples)), scope_(std::move(scope)) {
    using sdk::detail::ToStr;
    labels_.resize(samples_.size());
    for (size_t i = 0; i < samples_.size(); ++i) {
      for (const auto& [k, v] : samples_[i].labels) labels_[i].push_back({ToStr(k), ToStr(v)});
    }
  }
  FakeBatch(const FakeBatch&) = delete;
  FakeBatch& operator=(const FakeBatch&) = delete;

  const mensor_batch* raw() const { return reinterpret_cast<const mensor_batch*>(this); }
  static const FakeBatch* From(const mensor_batch* b) {
    return reinterpret_cast<const FakeBatch*>(b);
  }
  const std::vector<FakeSample>& samples() const { return samples_; }
  const std::vector<mensor_label>& labels(size_t i) const { return labels_[i]; }
  const std::string& scope() const { return scope_; }

 private:
  std::vector<FakeSample> samples_;
  std::string scope_;
  std::vector<std::vector<mensor_label>> labels_;
};

/// State behind a mensor_http_reply. status 0 = the handler set nothing.
struct FakeReply {
  int status = 0;
  std::string content_type, body;
  HeaderList headers;
  size_t segment_count = 0;  // views served without a copy (reply_set_shared: 1), else 0
  mensor_http_reply* raw() { return reinterpret_cast<mensor_http_reply*>(this); }
  static FakeReply* From(mensor_http_reply* r) { return reinterpret_cast<FakeReply*>(r); }
};

/// State behind a mensor_token_out.
struct FakeToken {
  bool set = false;
  std::string value;
  int64_t expires_unix_ns = 0;
  mensor_token_out* raw() { return reinterpret_cast<mensor_token_out*>(this); }
  static FakeToken* From(mensor_token_out* t) { return reinterpret_cast<FakeToken*>(t); }
};

}  // namespace mensor::testing

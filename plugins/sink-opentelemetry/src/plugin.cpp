// SDK glue of library "opentelemetry": the openTelemetryCollector sink (Promitor's
// metricSinks.openTelemetryCollector), exporting OTLP gauges over gRPC (default) or
// HTTP/protobuf.
#include <mensor/sdk.hpp>

#include "grpc_status.hpp"
#include "header_config.hpp"
#include "http_pusher.hpp"
#include "otlp_encoder.hpp"

namespace mensor::otlp {
namespace {

constexpr std::string_view kExportPath =
    "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

std::string TrimSlash(std::string uri) {
  while (!uri.empty() && uri.back() == '/') uri.pop_back();
  return uri;
}

}  // namespace

class OpenTelemetryCollector final : public sdk::Sink {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "openTelemetryCollector", "",
      "Exports the scraped metrics as OTLP gauges to an OpenTelemetry collector"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{
        sdk::Key::String("collectorUri")
            .Required()
            .Describe("Collector base URI, e.g. http://collector:4317 (gRPC) or :4318 (HTTP)"),
        sdk::Key::String("protocol").Default("grpc").Describe("grpc or http/protobuf"),
        sdk::Key::ObjectList("headers", sinks::HeaderEntrySchema())
            .Describe("Extra request headers / gRPC metadata: [{name, value | "
                      "environmentVariable}]"),
        sdk::Key::String("timeout").Default("10s").Describe(
            "Deadline of one export: 10s, 500ms, 2m or hh:mm:ss"),
        sdk::Key::String("serviceName")
            .Default("promitor-scraper")
            .Describe("service.name resource attribute (Promitor's value by default)"),
    };
    return schema;
  }

  explicit OpenTelemetryCollector(sdk::InitContext& ctx) : Sink(ctx) {
    const sdk::Config& config = ctx.config();
    const std::string uri = config.GetString("collectorUri").value_or("");
    if (uri.find_first_not_of(" \t") == std::string::npos) {
      throw sdk::ConfigError("No URI for the OpenTelemetry Collector is configured.");
    }
    const size_t scheme = uri.find("://");
    if (scheme == std::string::npos || scheme == 0 || scheme + 3 >= uri.size()) {
      throw sdk::ConfigError("Configured URI (" + uri +
                             ") for the OpenTelemetry Collector is not a valid URI.");
    }
    if (uri.rfind("http://", 0) != 0 && uri.rfind("https://", 0) != 0) {
      throw sdk::ConfigError("Configured URI (" + uri +
                             ") for the OpenTelemetry Collector should use HTTP or HTTPS.");
    }
    const std::string protocol = config.GetString("protocol").value_or("grpc");
    if (sdk::detail::EqualsIgnoreCase(protocol, "grpc")) {
      grpc_ = true;
      url_ = TrimSlash(uri) + std::string(kExportPath);
    } else if (sdk::detail::EqualsIgnoreCase(protocol, "http/protobuf")) {
      url_ = TrimSlash(uri) + "/v1/metrics";
    } else {
      throw sdk::ConfigError("protocol must be grpc or http/protobuf, got '" + protocol + "'");
    }
    timeout_ = sinks::ReadTimeout(config, "timeout", "10s");
    headers_ = sinks::ReadHeaders(config);
    resource_.service_name = config.GetString("serviceName").value_or("promitor-scraper");
    resource_.service_version = sdk::host::Api().host_version ? sdk::host::Api().host_version : "";
    resource_.scope_name = "Promitor.Scraper.Metrics.AzureMonitor";
    resource_.scope_version = "1.0";
    resource_.start_time_unix_nano = static_cast<uint64_t>(sdk::host::NowUnixNs());
  }

  void Write(sdk::Call& call, const sdk::Batch& batch) override {
    std::vector<Point> points;
    const size_t size = batch.size();
    points.reserve(size);
    const uint64_t now = static_cast<uint64_t>(sdk::host::NowUnixNs());
    for (size_t i = 0; i < size; ++i) {
      const sdk::Sample sample = batch[i];
      Point point;
      point.name = sample.name;
      point.description = sample.description;
      point.counter = sample.kind == MENSOR_METRIC_COUNTER;
      point.value = sample.has_value ? sample.value : 0.0;  // Promitor reports null as 0
      point.time_unix_nano =
          sample.timestamp_unix_ns > 0 ? static_cast<uint64_t>(sample.timestamp_unix_ns) : now;
      for (sdk::Label label : sample.labels())
        point.attributes.emplace_back(label.name, label.value);
      points.push_back(std::move(point));
    }
    if (points.empty()) return;
    const std::string message = EncodeExportRequest(resource_, points);
    sinks::PushRequest request;
    request.url = url_;
    request.timeout = timeout_;
    if (grpc_) {
      request.http2 = true;
      request.body = GrpcFrame(message);
      request.headers = {{"content-type", "application/grpc"},
                         {"te", "trailers"},
                         {"grpc-timeout", std::to_string(timeout_.count()) + "m"}};
    } else {
      request.body = message;
      request.headers = {{"Content-Type", "application/x-protobuf"}};
    }
    request.headers.insert(request.headers.end(), headers_.begin(), headers_.end());
    const sinks::PushResponse response = pusher_.Post(request, call);
    GrpcOutcome outcome;
    if (grpc_) {
      outcome = ReadGrpcOutcome(response);
    } else if (response.transport != MENSOR_OK) {
      outcome = {response.transport, response.error};
    } else {
      outcome = {sinks::StatusForHttp(response.status), sinks::DescribeHttpFailure(response)};
    }
    if (outcome.status != MENSOR_OK) {
      throw sdk::Error(outcome.status, "OTLP export to " + url_ + " failed: " + outcome.message);
    }
  }

 private:
  bool grpc_ = false;
  std::string url_;
  std::chrono::milliseconds timeout_{10000};
  sinks::HeaderList headers_;
  ResourceInfo resource_;
  sinks::HttpPusher pusher_;
};

}  // namespace mensor::otlp

MENSOR_PLUGIN("opentelemetry", "0.1.0", "OpenTelemetry (OTLP) metrics sink",
              mensor::otlp::OpenTelemetryCollector);

// OTLP metrics: ExportMetricsServiceRequest (opentelemetry/proto/collector/metrics/v1) encoded by
// hand, and the gRPC message framing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::otlp {

struct Point {
  std::string_view name, description;
  bool counter = false;  // a monotonic cumulative Sum; else a Gauge
  double value = 0;
  uint64_t time_unix_nano = 0;
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
};

struct ResourceInfo {
  std::string service_name;
  std::string service_version;
  std::string scope_name;
  std::string scope_version;
  uint64_t start_time_unix_nano = 0;  // of the cumulative Sums
};

/// One ResourceMetrics (service.name, service.version) with one ScopeMetrics holding one Metric
/// per distinct name, in order of first appearance; its points carry every attribute as a string.
std::string EncodeExportRequest(const ResourceInfo& resource, const std::vector<Point>& points);

/// gRPC length-prefixed message: flag 0 (uncompressed), 4-byte big-endian length, message.
std::string GrpcFrame(std::string_view message);

}  // namespace mensor::otlp

#include "otlp_encoder.hpp"

#include <map>

#include "proto_writer.hpp"

namespace mensor::otlp {
namespace {

using sinks::ProtoWriter;

// KeyValue { key = 1; value = 2 AnyValue { string_value = 1 } }
void AddAttribute(ProtoWriter& owner, uint32_t field, std::string_view key,
                  std::string_view value) {
  ProtoWriter any, kv;
  any.String(1, value);
  kv.String(1, key);
  kv.Message(2, any);
  owner.Message(field, kv);
}

// NumberDataPoint { start_time_unix_nano = 2; time_unix_nano = 3; as_double = 4;
//                   attributes = 7 }
ProtoWriter DataPoint(const Point& point, uint64_t start) {
  ProtoWriter p;
  if (point.counter && start != 0) p.Fixed64Field(2, start);
  p.Fixed64Field(3, point.time_unix_nano);
  p.Double(4, point.value);
  for (const auto& [key, value] : point.attributes) AddAttribute(p, 7, key, value);
  return p;
}

}  // namespace

std::string EncodeExportRequest(const ResourceInfo& resource, const std::vector<Point>& points) {
  // Metric { name = 1; description = 2; gauge = 5 { data_points = 1 };
  //          sum = 7 { data_points = 1; aggregation_temporality = 2; is_monotonic = 3 } }
  std::vector<std::string_view> order;
  std::map<std::string_view, std::pair<const Point*, ProtoWriter>> metrics;
  for (const Point& point : points) {
    auto [it, inserted] = metrics.try_emplace(point.name, &point, ProtoWriter{});
    if (inserted) order.push_back(point.name);
    it->second.second.Message(1, DataPoint(point, resource.start_time_unix_nano));
  }
  ProtoWriter scope_metrics, scope;
  scope.String(1, resource.scope_name);
  scope.String(2, resource.scope_version);
  scope_metrics.Message(1, scope);
  for (std::string_view name : order) {
    const auto& [first, data] = metrics.at(name);
    ProtoWriter metric, body;
    metric.String(1, first->name);
    if (!first->description.empty()) metric.String(2, first->description);
    body = data;
    if (first->counter) {
      body.Varint(2, 2);  // AGGREGATION_TEMPORALITY_CUMULATIVE
      body.Varint(3, 1);  // is_monotonic
      metric.Message(7, body);
    } else {
      metric.Message(5, body);
    }
    scope_metrics.Message(2, metric);
  }
  // Resource { attributes = 1 }; ResourceMetrics { resource = 1; scope_metrics = 2 }
  ProtoWriter resource_message, resource_metrics, request;
  AddAttribute(resource_message, 1, "service.name", resource.service_name);
  AddAttribute(resource_message, 1, "service.version", resource.service_version);
  resource_metrics.Message(1, resource_message);
  resource_metrics.Message(2, scope_metrics);
  request.Message(1, resource_metrics);
  return request.Take();
}

std::string GrpcFrame(std::string_view message) {
  std::string out;
  out.reserve(message.size() + 5);
  out += '\0';
  const uint32_t n = static_cast<uint32_t>(message.size());
  for (int shift : {24, 16, 8, 0}) out += static_cast<char>((n >> shift) & 0xFF);
  out.append(message);
  return out;
}

}  // namespace mensor::otlp

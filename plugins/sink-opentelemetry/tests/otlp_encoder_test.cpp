// The OTLP request's structure read back with a minimal wire reader (the e2e tests decode it with
// the real OpenTelemetry classes), gRPC framing and the gRPC outcome rules.
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "grpc_status.hpp"
#include "otlp_encoder.hpp"

namespace mensor::otlp {
namespace {

// field number -> raw values (length-delimited payloads, or varint / fixed64 as decimal text)
using Fields = std::multimap<uint32_t, std::string>;

Fields Read(std::string_view bytes) {
  Fields fields;
  size_t i = 0;
  auto varint = [&] {
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      const auto byte = static_cast<uint8_t>(bytes.at(i++));
      value |= uint64_t{byte & 0x7Fu} << shift;
      if ((byte & 0x80) == 0) return value;
    }
  };
  while (i < bytes.size()) {
    const uint64_t key = varint();
    const uint32_t field = static_cast<uint32_t>(key >> 3);
    switch (key & 7) {
      case 0:
        fields.emplace(field, std::to_string(varint()));
        break;
      case 1: {
        uint64_t raw = 0;
        std::memcpy(&raw, bytes.data() + i, 8);
        i += 8;
        fields.emplace(field, std::to_string(raw));
        break;
      }
      case 2: {
        const size_t length = varint();
        fields.emplace(field, std::string(bytes.substr(i, length)));
        i += length;
        break;
      }
      default:
        ADD_FAILURE() << "unexpected wire type";
        return fields;
    }
  }
  return fields;
}

std::string One(const Fields& fields, uint32_t field) {
  EXPECT_EQ(fields.count(field), 1u) << "field " << field;
  auto it = fields.find(field);
  return it == fields.end() ? "" : it->second;
}

std::vector<std::string> All(const Fields& fields, uint32_t field) {
  std::vector<std::string> out;
  for (auto [it, end] = fields.equal_range(field); it != end; ++it) out.push_back(it->second);
  return out;
}

std::map<std::string, std::string> Attributes(const Fields& owner, uint32_t field) {
  std::map<std::string, std::string> out;
  for (const std::string& kv : All(owner, field)) {
    const Fields f = Read(kv);
    out[One(f, 1)] = One(Read(One(f, 2)), 1);
  }
  return out;
}

double AsDouble(const std::string& decimal) {
  const uint64_t raw = std::stoull(decimal);
  double value;
  std::memcpy(&value, &raw, 8);
  return value;
}

TEST(OtlpEncoder, ResourceScopeAndOneMetricPerName) {
  ResourceInfo resource{"promitor-scraper", "0.1.0", "Promitor.Scraper.Metrics.AzureMonitor", "1.0",
                        5};
  std::vector<Point> points = {
      {"queue", "Active messages", false, 3, 100, {{"entity_name", "a"}, {"EntityName", "A"}}},
      {"other", "", false, -1.5, 200, {}},
      {"queue", "Active messages", false, 4, 100, {{"entity_name", "b"}}},
      {"sent_total", "Sent", true, 9, 300, {{"sink", "statsd"}}},
  };
  const Fields request = Read(EncodeExportRequest(resource, points));
  const Fields resource_metrics = Read(One(request, 1));
  EXPECT_EQ(Attributes(Read(One(resource_metrics, 1)), 1),
            (std::map<std::string, std::string>{{"service.name", "promitor-scraper"},
                                                {"service.version", "0.1.0"}}));
  const Fields scope_metrics = Read(One(resource_metrics, 2));
  const Fields scope = Read(One(scope_metrics, 1));
  EXPECT_EQ(One(scope, 1), "Promitor.Scraper.Metrics.AzureMonitor");
  const auto metrics = All(scope_metrics, 2);
  ASSERT_EQ(metrics.size(), 3u);

  const Fields queue = Read(metrics[0]);
  EXPECT_EQ(One(queue, 1), "queue");
  EXPECT_EQ(One(queue, 2), "Active messages");
  const auto queue_points = All(Read(One(queue, 5)), 1);  // gauge.data_points
  ASSERT_EQ(queue_points.size(), 2u);
  const Fields first = Read(queue_points[0]);
  EXPECT_EQ(One(first, 3), "100");
  EXPECT_EQ(AsDouble(One(first, 4)), 3);
  EXPECT_EQ(first.count(2), 0u);  // gauges carry no start time
  // Every label is an attribute, raw: no Prometheus-style renaming or merging.
  EXPECT_EQ(Attributes(first, 7),
            (std::map<std::string, std::string>{{"entity_name", "a"}, {"EntityName", "A"}}));
  EXPECT_EQ(AsDouble(One(Read(queue_points[1]), 4)), 4);

  const Fields other = Read(metrics[1]);
  EXPECT_EQ(other.count(2), 0u);  // no empty description
  EXPECT_EQ(AsDouble(One(Read(One(Read(One(other, 5)), 1)), 4)), -1.5);

  const Fields sum = Read(One(Read(metrics[2]), 7));
  EXPECT_EQ(One(sum, 2), "2");                // cumulative
  EXPECT_EQ(One(sum, 3), "1");                // monotonic
  EXPECT_EQ(One(Read(One(sum, 1)), 2), "5");  // start time
}

TEST(OtlpEncoder, GrpcFrameIsFlagLengthMessage) {
  EXPECT_EQ(GrpcFrame("abc"), std::string("\0\0\0\0\3abc", 8));
  EXPECT_EQ(GrpcFrame(std::string(300, 'x')).substr(0, 5), std::string("\0\0\0\x01\x2c", 5));
}

sinks::PushResponse Answer(long status, sinks::HeaderList headers) {
  sinks::PushResponse response;
  response.status = status;
  response.headers = std::move(headers);
  return response;
}

TEST(GrpcOutcome, StatusFromTrailersOrHeaders) {
  EXPECT_EQ(
      ReadGrpcOutcome(Answer(200, {{"content-type", "application/grpc"}, {"grpc-status", "0"}}))
          .status,
      MENSOR_OK);
  const GrpcOutcome bad =
      ReadGrpcOutcome(Answer(200, {{"grpc-status", "3"}, {"grpc-message", "bad%20points"}}));
  EXPECT_EQ(bad.status, MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(bad.message, "grpc-status 3: bad points");
  EXPECT_EQ(ReadGrpcOutcome(Answer(200, {{"grpc-status", "14"}})).status, MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(ReadGrpcOutcome(Answer(200, {{"grpc-status", "8"}})).status, MENSOR_E_THROTTLED);
  EXPECT_EQ(ReadGrpcOutcome(Answer(200, {{"grpc-status", "4"}})).status, MENSOR_E_TIMEOUT);
  EXPECT_EQ(ReadGrpcOutcome(Answer(200, {{"grpc-status", "16"}})).status,
            MENSOR_E_PERMISSION_DENIED);
  EXPECT_EQ(ReadGrpcOutcome(Answer(200, {})).status, MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(ReadGrpcOutcome(Answer(503, {})).status, MENSOR_E_UNAVAILABLE);
  sinks::PushResponse refused;
  refused.transport = MENSOR_E_UNAVAILABLE;
  refused.error = "Couldn't connect to server";
  EXPECT_EQ(ReadGrpcOutcome(refused).message, "Couldn't connect to server");
}

}  // namespace
}  // namespace mensor::otlp

// The prometheus sink driven through its C descriptor by FakeHost.
#include <gtest/gtest.h>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

namespace {

using mensor::testing::FakeHost;
using mensor::testing::FakeSample;
using mensor::testing::SinkInstance;

constexpr char kSink[] = "prometheusScrapingEndpoint";
constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

FakeSample Sample(std::string name, double value, mensor::testing::HeaderList labels = {}) {
  FakeSample sample;
  sample.name = std::move(name);
  sample.description = "Demo";
  sample.value = value;
  sample.timestamp_unix_ns = 1'700'000'000'123'000'000;
  sample.labels = std::move(labels);
  return sample;
}

class PrometheusSinkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST_F(PrometheusSinkTest, ServesDefaultPathAfterStart) {
  SinkInstance sink(host_, kSink, "{}");
  ASSERT_TRUE(sink.created()) << sink.create_call().error_message;
  EXPECT_EQ(host_.HttpGet("/metrics").status, 404);
  ASSERT_EQ(sink.Start().status, MENSOR_OK);
  auto empty = host_.HttpGet("/metrics");
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.content_type, kContentType);
  EXPECT_EQ(empty.body, "");

  ASSERT_EQ(sink.Write({Sample("demo_queue_size", 3, {{"EntityName", "Orders"}})}, "sb").status,
            MENSOR_OK);
  auto reply = host_.HttpGet("/metrics");
  EXPECT_EQ(reply.body,
            "# HELP demo_queue_size Demo\n# TYPE demo_queue_size gauge\n"
            "demo_queue_size{entityname=\"Orders\"} 3\n");
}

TEST_F(PrometheusSinkTest, ConfiguredOptions) {
  SinkInstance sink(host_, kSink,
                    "baseUriPath: /scrape\nmetricUnavailableValue: -1\n"
                    "enableMetricTimestamps: true\nlabels:\n  transformation: Lowercase\n");
  ASSERT_TRUE(sink.created()) << sink.create_call().error_message;
  ASSERT_EQ(sink.Start().status, MENSOR_OK);
  FakeSample missing = Sample("m", 0, {{"Queue", "Q1"}});
  missing.has_value = false;
  ASSERT_EQ(sink.Write({missing}).status, MENSOR_OK);
  EXPECT_EQ(host_.HttpGet("/scrape").body,
            "# HELP m Demo\n# TYPE m gauge\nm{queue=\"q1\"} -1 1700000000123\n");
  EXPECT_EQ(host_.HttpGet("/metrics").status, 404);
}

TEST_F(PrometheusSinkTest, UnavailableIsNaNByDefault) {
  SinkInstance sink(host_, kSink, "{}");
  sink.Start();
  FakeSample missing = Sample("m", 0);
  missing.has_value = false;
  sink.Write({missing});
  EXPECT_EQ(host_.HttpGet("/metrics").body, "# HELP m Demo\n# TYPE m gauge\nm NaN\n");
}

TEST_F(PrometheusSinkTest, ScopeReplacementRemovesVanishedDimensions) {
  SinkInstance sink(host_, kSink, "{}");
  sink.Start();
  sink.Write({Sample("m", 1, {{"entity", "a"}}), Sample("m", 2, {{"entity", "b"}})}, "sb");
  sink.Write({Sample("n", 7)}, "storage");
  sink.Write({Sample("m", 5, {{"entity", "b"}})}, "sb");
  EXPECT_EQ(
      host_.HttpGet("/metrics").body,
      "# HELP m Demo\n# TYPE m gauge\nm{entity=\"b\"} 5\n# HELP n Demo\n# TYPE n gauge\nn 7\n");
}

TEST_F(PrometheusSinkTest, DuplicateSeriesInBatchWarns) {
  SinkInstance sink(host_, kSink, "{}");
  sink.Start();
  sink.Write({Sample("m", 1, {{"A", "x"}}), Sample("m", 2, {{"a", "x"}})}, "sb");
  EXPECT_TRUE(host_.LogsContain("1 duplicate series in the batch of scope 'sb'"));
  EXPECT_EQ(host_.HttpGet("/metrics").body, "# HELP m Demo\n# TYPE m gauge\nm{a=\"x\"} 1\n");
}

// The plain body is handed over as views into the stored lines; gzip as one shared buffer.
TEST_F(PrometheusSinkTest, ServesSegmentsAndSharedGzip) {
  SinkInstance sink(host_, kSink, "{}");
  sink.Start();
  sink.Write({Sample("m", 1, {{"entity", "a"}})}, "a");
  sink.Write({Sample("m", 2, {{"entity", "b"}})}, "b");
  auto plain = host_.HttpGet("/metrics");
  EXPECT_EQ(plain.body, "# HELP m Demo\n# TYPE m gauge\nm{entity=\"a\"} 1\nm{entity=\"b\"} 2\n");
  EXPECT_EQ(plain.segment_count, 3u) << "header, scope a, scope b";
  auto gzip = host_.HttpGet("/metrics", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzip.segment_count, 1u);
  EXPECT_EQ(gzip.body.substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(gzip.headers[0], (std::pair<std::string, std::string>{"Content-Encoding", "gzip"}));
}

TEST_F(PrometheusSinkTest, InvalidTransformationFailsCreate) {
  SinkInstance sink(host_, kSink, "labels:\n  transformation: Uppercase\n");
  EXPECT_EQ(sink.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(sink.create_call().error_message.find("Lowercase"), std::string::npos);
}

TEST_F(PrometheusSinkTest, RelativeBasePathFailsCreate) {
  SinkInstance sink(host_, kSink, "baseUriPath: metrics\n");
  EXPECT_EQ(sink.create_status(), MENSOR_E_CONFIG);
}

TEST_F(PrometheusSinkTest, RouteGoneAfterStop) {
  auto sink = std::make_unique<SinkInstance>(host_, kSink, "{}");
  sink->Start();
  EXPECT_EQ(host_.HttpGet("/metrics").status, 200);
  sink->Stop();
  EXPECT_EQ(host_.HttpGet("/metrics").status, 404);
}

}  // namespace

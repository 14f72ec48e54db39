// The openTelemetryCollector sink through its C descriptor (FakeHost): Promitor's URI rules and
// the protocol choice.
#include <gtest/gtest.h>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

namespace {

using mensor::testing::FakeHost;
using mensor::testing::SinkInstance;

constexpr char kSink[] = "openTelemetryCollector";

class OtlpSinkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST_F(OtlpSinkTest, PromitorsUriValidation) {
  struct Case {
    std::string yaml, message;
  } cases[] = {
      {"collectorUri: ' '", "No URI for the OpenTelemetry Collector is configured."},
      {"collectorUri: collector",
       "Configured URI (collector) for the OpenTelemetry Collector is "
       "not a valid URI."},
      {"collectorUri: ftp://collector:4317",
       "Configured URI (ftp://collector:4317) for the OpenTelemetry Collector should use HTTP or "
       "HTTPS."},
      {"collectorUri: http://c:4317\nprotocol: http/json",
       "protocol must be grpc or http/protobuf"},
      {"collectorUri: http://c:4317\ntimeout: 0s", "timeout '0s' is not a valid duration"},
  };
  for (const auto& c : cases) {
    SinkInstance sink(host_, kSink, c.yaml);
    EXPECT_FALSE(sink.created()) << c.yaml;
    EXPECT_NE(sink.create_call().error_message.find(c.message), std::string::npos)
        << c.yaml << " -> " << sink.create_call().error_message;
  }
}

TEST_F(OtlpSinkTest, BothProtocolsAreAccepted) {
  for (const char* protocol : {"grpc", "GRPC", "http/protobuf"}) {
    SinkInstance sink(host_, kSink,
                      std::string("collectorUri: http://c:4317/\nprotocol: ") + protocol);
    EXPECT_TRUE(sink.created()) << protocol << ": " << sink.create_call().error_message;
  }
}

}  // namespace

// The prometheusRemoteWrite sink through its C descriptor (FakeHost): configuration rules, the
// HTTP status rule, and failures that must be retried.
#include <gtest/gtest.h>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http_pusher.hpp"

namespace {

using mensor::testing::FakeHost;
using mensor::testing::FakeSample;
using mensor::testing::SinkInstance;

constexpr char kSink[] = "prometheusRemoteWrite";

// A loopback port nothing listens on.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class RemoteWriteSinkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST_F(RemoteWriteSinkTest, RefusesBadConfigurations) {
  struct Case {
    std::string yaml, message;
  } cases[] = {
      {"url: ftp://x/", "url must be an http:// or https:// URL"},
      {"url: http://x/\ntimeout: soon", "timeout 'soon' is not a valid duration"},
      {"url: http://x/\nbasicAuth:\n  password: p", "basicAuth.username is required"},
      {"url: http://x/\nbasicAuth:\n  username: u\n  password: p\n  passwordFile: /f", "not both"},
      {"url: http://x/\nbasicAuth:\n  username: u\nbearerTokenFile: /t", "cannot both"},
      {"url: http://x/\nheaders:\n  - name: 'X Bad'\n    value: v", "not a valid HTTP header"},
      {"url: http://x/\nheaders:\n  - name: X-Ok", "exactly one of 'value' and"},
      {"url: http://x/\nheaders:\n  - name: X-Ok\n    value: \"a\\r\\nInjected: 1\"",
       "must not contain line breaks"},
      {"url: http://x/\nheaders:\n  - name: X-Ok\n    environmentVariable: MENSOR_TEST_UNSET",
       "'MENSOR_TEST_UNSET' is not set"},
  };
  for (const auto& c : cases) {
    SinkInstance sink(host_, kSink, c.yaml);
    EXPECT_FALSE(sink.created()) << c.yaml;
    EXPECT_NE(sink.create_call().error_message.find(c.message), std::string::npos)
        << c.yaml << " -> " << sink.create_call().error_message;
  }
}

TEST_F(RemoteWriteSinkTest, HeaderValuesMayComeFromTheEnvironment) {
  host_.SetEnv("MENSOR_TEST_TENANT", "team-a");
  SinkInstance sink(host_, kSink,
                    "url: http://x/\nheaders:\n  - name: X-Scope-OrgID\n"
                    "    environmentVariable: MENSOR_TEST_TENANT\n");
  EXPECT_TRUE(sink.created()) << sink.create_call().error_message;
}

TEST_F(RemoteWriteSinkTest, AnUnreachableEndpointIsRetryable) {
  SinkInstance sink(host_, kSink,
                    "url: http://127.0.0.1:" + std::to_string(ClosedPort()) + "/api/v1/write");
  ASSERT_TRUE(sink.created()) << sink.create_call().error_message;
  sink.Start();
  FakeSample sample;
  sample.name = "m";
  sample.value = 1;
  const auto result = sink.Write({sample});
  EXPECT_EQ(result.status, MENSOR_E_UNAVAILABLE) << result.call.error_message;
}

TEST(HttpStatusRule, RetriesOnlyWhatCanSucceedLater) {
  using mensor::sinks::StatusForHttp;
  EXPECT_EQ(StatusForHttp(200), MENSOR_OK);
  EXPECT_EQ(StatusForHttp(204), MENSOR_OK);
  EXPECT_EQ(StatusForHttp(429), MENSOR_E_THROTTLED);
  EXPECT_EQ(StatusForHttp(500), MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(StatusForHttp(503), MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(StatusForHttp(408), MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(StatusForHttp(400), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(StatusForHttp(401), MENSOR_E_PERMISSION_DENIED);
  EXPECT_EQ(StatusForHttp(404), MENSOR_E_INVALID_ARGUMENT);
}

}  // namespace

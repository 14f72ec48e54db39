// The statsd sink through its C descriptor (FakeHost), sending to a real UDP socket.
#include <gtest/gtest.h>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace {

using mensor::testing::FakeHost;
using mensor::testing::FakeSample;
using mensor::testing::SinkInstance;

// A UDP socket on a free loopback port with a receive timeout.
class UdpReceiver {
 public:
  UdpReceiver() {
    fd_ = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~UdpReceiver() { close(fd_); }
  int port() const { return port_; }
  std::string Receive() {
    char buf[65536];
    ssize_t n = recv(fd_, buf, sizeof(buf), 0);
    return n < 0 ? "<timeout>" : std::string(buf, static_cast<size_t>(n));
  }

 private:
  int fd_;
  int port_ = 0;
};

FakeSample Sample(std::string name, double value, mensor::testing::HeaderList labels = {}) {
  FakeSample sample;
  sample.name = std::move(name);
  sample.value = value;
  sample.labels = std::move(labels);
  return sample;
}

class StatsdSinkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  std::string Config(const std::string& extra) {
    return "host: 127.0.0.1\nport: " + std::to_string(receiver_.port()) + "\n" + extra;
  }
  FakeHost host_;
  UdpReceiver receiver_;
};

TEST_F(StatsdSinkTest, SendsPromitorLinesInOneDatagram) {
  SinkInstance sink(host_, "statsd", Config("metricPrefix: promitor."));
  ASSERT_TRUE(sink.created()) << sink.create_call().error_message;
  ASSERT_EQ(sink.Start().status, MENSOR_OK);
  ASSERT_EQ(sink.Write({Sample("a", 1, {{"k", "v"}}), Sample("b", 2.5)}).status, MENSOR_OK);
  EXPECT_EQ(receiver_.Receive(), "promitor.a:1|g\npromitor.b:2.5|g");
}

TEST_F(StatsdSinkTest, DogStatsDFormatIsCaseInsensitive) {
  SinkInstance sink(host_, "statsd", Config("metricFormat: dogstatsd"));
  ASSERT_TRUE(sink.created()) << sink.create_call().error_message;
  sink.Start();
  ASSERT_EQ(sink.Write({Sample("a", 1, {{"k", "v"}})}).status, MENSOR_OK);
  EXPECT_EQ(receiver_.Receive(), "a:1|g|#k:v");
}

TEST_F(StatsdSinkTest, SplitsLargeBatchesIntoSafeDatagrams) {
  SinkInstance sink(host_, "statsd", Config("maxPacketSize: 100"));
  ASSERT_TRUE(sink.created()) << sink.create_call().error_message;
  sink.Start();
  std::vector<FakeSample> samples;
  for (int i = 0; i < 30; ++i) samples.push_back(Sample("metric_" + std::to_string(i), i));
  ASSERT_EQ(sink.Write(samples).status, MENSOR_OK);
  size_t lines = 0;
  while (lines < 30) {
    const std::string packet = receiver_.Receive();
    ASSERT_NE(packet, "<timeout>");
    EXPECT_LE(packet.size(), 100u);
    lines += std::count(packet.begin(), packet.end(), '\n') + 1;
  }
  EXPECT_EQ(lines, 30u);
}

TEST_F(StatsdSinkTest, RefusesPromitorsInvalidConfigurations) {
  struct Case {
    std::string yaml, message;
  } cases[] = {
      {"port: 8125", "No host of StatsD server is configured"},
      {"host: h\nport: 0", "StatsD port 0 is not allowed"},
      {"host: h\nmetricFormat: Geneva", "StatsD Geneva formatter configuration is missing"},
      {"host: h\nmetricFormat: Geneva\ngeneva:\n  namespace: n",
       "Account of Geneva is missing for StatsD formatter"},
      {"host: h\nmetricFormat: Geneva\ngeneva:\n  account: a",
       "Namespace of Geneva is missing for StatsD formatter"},
      {"host: h\nmetricFormat: Influx", "metricFormat must be Default, Geneva or DogStatsD"},
      {"host: h\nmaxPacketSize: 70000", "maxPacketSize must be between 64 and 65507"},
  };
  for (const auto& c : cases) {
    SinkInstance sink(host_, "statsd", c.yaml);
    EXPECT_FALSE(sink.created()) << c.yaml;
    EXPECT_NE(sink.create_call().error_message.find(c.message), std::string::npos)
        << c.yaml << " -> " << sink.create_call().error_message;
  }
}

TEST_F(StatsdSinkTest, UnresolvableHostIsARetryableFailure) {
  SinkInstance sink(host_, "statsd", "host: no-such-host.invalid\nport: 8125");
  ASSERT_TRUE(sink.created());
  sink.Start();
  EXPECT_EQ(sink.Write({Sample("a", 1)}).status, MENSOR_E_UNAVAILABLE);
}

}  // namespace

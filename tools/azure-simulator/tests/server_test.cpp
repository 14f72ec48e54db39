// Round trips over real sockets: the in-process server, and the built executable.
#include "server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "test_support.hpp"

extern char** environ;

namespace mensor::sim {
namespace {

using namespace std::chrono_literals;
using testing::HttpCall;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<HttpServer>(simulator_, "127.0.0.1", 0);
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
  }
  uint16_t port() const { return server_->port(); }

  Simulator simulator_{SimulatorOptions{}};
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

std::string MetricsTarget() {
  return std::string(testing::kNamespaceId) +
         "/providers/Microsoft.Insights/metrics?api-version=2018-01-01&metricnames=ActiveMessages"
         "&aggregation=Average&interval=PT1M&timespan=PT10M&%24filter=EntityName%20eq%20%27orders%"
         "27";
}

TEST_F(ServerTest, EntraTokenThenMetricsOverTheWire) {
  const auto token_response = HttpCall(
      port(), "POST", "/my-tenant/oauth2/v2.0/token",
      {{"Content-Type", "application/x-www-form-urlencoded"}},
      "client_id=sim-client-id&client_secret=sim-client-secret&grant_type=client_credentials"
      "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default");
  ASSERT_EQ(token_response.status, 200) << token_response.body;
  const std::string token = nlohmann::json::parse(token_response.body)["access_token"];

  const auto metrics =
      HttpCall(port(), "GET", MetricsTarget(), {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(metrics.status, 200) << metrics.body;
  EXPECT_EQ(metrics.headers.at("content-type"), "application/json; charset=utf-8");
  EXPECT_TRUE(metrics.headers.count("x-ms-request-id"));
  EXPECT_TRUE(metrics.headers.count("date"));
  EXPECT_EQ(metrics.headers.at("x-ms-ratelimit-remaining-subscription-reads"), "11999");
  const auto body = nlohmann::json::parse(metrics.body);
  EXPECT_EQ(body["value"][0]["timeseries"][0]["metadatavalues"][0]["value"], "orders");
  // PT10M ending now: ten whole minutes plus the partial one the start falls in, unless the
  // request happened exactly on a minute boundary.
  const auto points = body["value"][0]["timeseries"][0]["data"].size();
  EXPECT_TRUE(points == 10u || points == 11u) << points;

  const auto unauthorized = HttpCall(port(), "GET", MetricsTarget());
  EXPECT_EQ(unauthorized.status, 401);
  EXPECT_TRUE(unauthorized.headers.count("www-authenticate"));
}

TEST_F(ServerTest, DelayedAnswerDoesNotBlockOtherRequests) {
  ASSERT_EQ(
      HttpCall(port(), "POST", "/_sim/faults", {}, R"({"match":"/slow","delayMs":1500})").status,
      201);
  const auto started = std::chrono::steady_clock::now();
  auto slow = std::async(std::launch::async, [this] { return HttpCall(port(), "GET", "/slow"); });
  // The fast request is sent while the slow one is (very likely) pending; either way it must
  // complete well before the injected delay elapses.
  const auto fast = HttpCall(port(), "GET", "/_sim/health");
  const auto fast_elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(fast.status, 200);
  EXPECT_LT(fast_elapsed, 1000ms);
  const auto slow_result = slow.get();
  EXPECT_EQ(slow_result.status, 404);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1500ms);
}

TEST_F(ServerTest, OversizedBodyIsRefused) {
  const auto response =
      HttpCall(port(), "POST", "/t/oauth2/v2.0/token", {}, std::string(kMaxBodyBytes + 1, 'x'));
  EXPECT_EQ(response.status, 413);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  // HttpCall opens a connection per call; this checks the server survives many in a row.
  for (int i = 0; i < 20; ++i) ASSERT_EQ(HttpCall(port(), "GET", "/_sim/health").status, 200);
}

#ifdef MENSOR_SIM_BINARY
// Starts the real executable with --port-file, polls for readiness with a deadline, serves an
// IMDS request, then checks SIGTERM stops it promptly.
TEST(SimulatorBinary, StartsServesAndStopsOnSigterm) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("mensor-sim-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string port_file = (dir / "port").string();
  const std::string stdout_file = (dir / "stdout").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<std::string> args = {
      MENSOR_SIM_BINARY, "--port-file", port_file, "--identity-header", "hdr", "--seed", "7"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, MENSOR_SIM_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);

  uint16_t port = 0;
  for (const auto deadline = std::chrono::steady_clock::now() + 10s;
       port == 0 && std::chrono::steady_clock::now() < deadline;) {
    std::ifstream in(port_file);
    if (!(in >> port)) std::this_thread::sleep_for(10ms);  // Poll interval.
  }
  ASSERT_NE(port, 0) << "simulator did not become ready";
  const auto response = HttpCall(
      port, "GET", "/msi/token?resource=https://management.azure.com/&api-version=2019-08-01",
      {{"X-IDENTITY-HEADER", "hdr"}});
  EXPECT_EQ(response.status, 200) << response.body;

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  pid_t waited = 0;
  for (const auto deadline = std::chrono::steady_clock::now() + 5s;
       waited == 0 && std::chrono::steady_clock::now() < deadline;) {
    waited = ::waitpid(pid, &status, WNOHANG);
    if (waited == 0) std::this_thread::sleep_for(10ms);  // Polling interval, not synchronisation.
  }
  if (waited == 0) ::kill(pid, SIGKILL), ::waitpid(pid, &status, 0);
  ASSERT_EQ(waited, pid) << "simulator did not stop within 5 s of SIGTERM";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::ifstream out(stdout_file);
  std::string line;
  std::getline(out, line);
  EXPECT_EQ(line, "listening on 127.0.0.1:" + std::to_string(port));
  std::filesystem::remove_all(dir);
}
#endif

}  // namespace
}  // namespace mensor::sim

#include "mensor/agent/agent_backend.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <thread>

#include "mensor/plugin/detail/results.hpp"

namespace mensor::agent {
namespace {

std::string Str(mensor_str text) { return std::string(text.ptr, text.len); }

// An AgentBackend over a real HTTP server on a free loopback port and a real client.
class AgentBackendTest : public ::testing::Test {
 protected:
  AgentBackendTest()
      : server_(io_,
                [] {
                  net::ServerOptions options;
                  options.bind_address = "127.0.0.1";
                  options.port = 0;
                  return options;
                }()),
        backend_(client_, server_, [this](const std::string& scope) {
          if (scope == "broken") throw std::runtime_error("identity endpoint unreachable");
          return "token-for-" + scope;
        }) {}
  ~AgentBackendTest() override {
    client_.Stop();
    if (thread_.joinable()) {
      server_.Stop();
      thread_.join();
    }
  }
  void StartServer() {
    server_.Start();
    thread_ = std::thread([this] { io_.run(); });
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + path;
  }
  net::ClientResponse Get(const std::string& path) {
    net::ClientRequest request;
    request.url = Url(path);
    request.timeout = std::chrono::seconds(5);
    return client_.Send(std::move(request));
  }

  boost::asio::io_context io_;
  net::HttpServer server_;
  net::HttpClient client_;
  AgentBackend backend_;
  std::thread thread_;
};

TEST_F(AgentBackendTest, RegisteredRoutesAnswerOverHttp) {
  ASSERT_TRUE(backend_.AddRoute(
      "/custom", [](const mensor_http_request_view& request, mensor_http_reply* reply) {
        reply->status = 202;
        reply->content_type = "text/csv";
        reply->headers.emplace_back("X-Plugin", "yes");
        reply->body = Str(request.method) + " " + Str(request.path) + " " + Str(request.query);
      }));
  StartServer();
  const auto response = Get("/custom?a=1");
  ASSERT_EQ(response.status, 202) << response.error;
  EXPECT_EQ(response.body, "GET /custom a=1");
  EXPECT_EQ(response.Header("Content-Type"), "text/csv");
  EXPECT_EQ(response.Header("X-Plugin"), "yes");
  EXPECT_EQ(Get("/elsewhere").status, 404);
}

TEST_F(AgentBackendTest, PathsAreUniqueRegardlessOfCase) {
  const plugin::RouteFn noop = [](const mensor_http_request_view&, mensor_http_reply*) {};
  EXPECT_TRUE(backend_.AddRoute("/metrics", noop));
  EXPECT_FALSE(backend_.AddRoute("/Metrics", noop));
  EXPECT_EQ(backend_.routes(), std::vector<std::string>{"/metrics"});
}

TEST_F(AgentBackendTest, PluginRequestsGetATokenForTheirScope) {
  ASSERT_TRUE(backend_.AddRoute(
      "/echo", [](const mensor_http_request_view& request, mensor_http_reply* reply) {
        for (size_t i = 0; i < request.header_count; ++i) {
          std::string name = Str(request.headers[i].name);
          for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (name == "authorization") reply->body = Str(request.headers[i].value);
        }
      }));
  StartServer();
  plugin::HttpCall call;
  call.url = Url("/echo");
  call.auth_scope = "https://example.test/.default";
  const plugin::HttpResult result = backend_.HttpSend(call, 0);
  ASSERT_EQ(result.status, 200) << result.error;
  EXPECT_EQ(result.body, "Bearer token-for-https://example.test/.default");

  call.auth_scope.clear();
  EXPECT_EQ(backend_.HttpSend(call, 0).body, "") << "no scope, no token";
}

TEST_F(AgentBackendTest, TokenFailureIsUnauthenticatedWithoutSending) {
  plugin::HttpCall call;
  call.url = "http://127.0.0.1:1/never";
  call.auth_scope = "broken";
  const plugin::HttpResult result = backend_.HttpSend(call, 0);
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.failure, MENSOR_E_UNAUTHENTICATED);
  EXPECT_NE(result.error.find("identity endpoint unreachable"), std::string::npos);
  EXPECT_EQ(client_.stats().started, 0u);
}

TEST_F(AgentBackendTest, PassedDeadlineIsATimeout) {
  plugin::HttpCall call;
  call.url = "http://127.0.0.1:1/never";
  const plugin::HttpResult result = backend_.HttpSend(call, backend_.NowMonoNs() - 1000);
  EXPECT_EQ(result.failure, MENSOR_E_TIMEOUT);
  EXPECT_EQ(client_.stats().started, 0u);
}

}  // namespace
}  // namespace mensor::agent

#include "mensor/net/http_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "test_support.hpp"

namespace mensor::net {
namespace {

using testing::LocalOptions;
using testing::RawConnection;
using testing::TestServer;

std::string Get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n";
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options = LocalOptions();
    options.default_headers = {{"X-Version", "1.2.3"}};
    server_ = std::make_unique<TestServer>(options);
    server_->server().Route("GET", "/api/v1/system", [](const Request&, Response& response) {
      response.SetJson(200, R"({"version":"1.2.3"})");
    });
    server_->server().Route("POST", "/echo", [](const Request& request, Response& response) {
      response.SetText(200, request.method + "|" + request.path + "|" + request.query + "|" +
                                request.QueryParam("q") + "|" +
                                std::string(request.Header("x-token").value_or("-")) + "|" +
                                request.body);
      response.headers.emplace_back("X-Echo", "yes");
    });
    server_->server().Route("GET", "/throws",
                            [](const Request&, Response&) { throw std::runtime_error("boom"); });
    server_->Start();
  }

  std::unique_ptr<TestServer> server_;
};

TEST_F(HttpServerTest, ServesRouteWithDefaultHeadersAndNoServerHeader) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send(Get("/api/v1/system")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"version":"1.2.3"})");
  EXPECT_EQ(response->headers["x-version"], "1.2.3");
  EXPECT_EQ(response->headers["content-type"], "application/json");
  EXPECT_FALSE(response->Has("server"));
}

TEST_F(HttpServerTest, PathsMatchCaseInsensitively) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send(Get("/API/V1/System")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTest, UnknownPathIs404Json) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send(Get("/api/v1/system/extra")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, R"({"error":"not found"})");
  EXPECT_EQ(response->headers["x-version"], "1.2.3");
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send("DELETE /api/v1/system HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->headers["allow"], "GET, HEAD");
}

TEST_F(HttpServerTest, HeadOnGetRouteSendsHeadersOnly) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send("HEAD /api/v1/system HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = connection.ReadResponse(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers["content-length"], "19");
  // Any body bytes would corrupt the next response on this connection.
  ASSERT_TRUE(connection.Send(Get("/api/v1/system")));
  auto next = connection.ReadResponse();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, R"({"version":"1.2.3"})");
}

TEST_F(HttpServerTest, HandlerSeesMethodPathQueryHeadersAndBody) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send(
      "POST /Echo?q=a%20b&z=1 HTTP/1.1\r\nHost: t\r\nX-Token: abc\r\nContent-Length: 5\r\n\r\n"
      "hello"));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "POST|/Echo|q=a%20b&z=1|a b|abc|hello");
  EXPECT_EQ(response->headers["x-echo"], "yes");
  EXPECT_EQ(response->headers["content-type"], "text/plain; charset=utf-8");
}

TEST_F(HttpServerTest, HandlerExceptionIs500) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send(Get("/throws")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->body, R"({"error":"internal error"})");
}

TEST_F(HttpServerTest, KeepAliveReusesOneConnection) {
  RawConnection connection(server_->port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(connection.Send(Get("/api/v1/system")));
    auto response = connection.ReadResponse();
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->status, 200);
    EXPECT_FALSE(response->Has("connection"));
  }
  EXPECT_EQ(server_->server().accepted_connections(), 1u);
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send(Get("/api/v1/system") + Get("/nope")));
  auto first = connection.ReadResponse();
  auto second = connection.ReadResponse();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 404);
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.Send(Get("/api/v1/system", "Connection: close\r\n")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->headers["connection"], "close");
  EXPECT_TRUE(connection.WaitClosed(std::chrono::seconds(3)));
}

TEST_F(HttpServerTest, StopClosesIdleConnectionsQuickly) {
  RawConnection a(server_->port());
  RawConnection b(server_->port());
  ASSERT_TRUE(a.Send(Get("/api/v1/system")));
  ASSERT_TRUE(a.ReadResponse());
  ASSERT_TRUE(testing::PollUntil([&] { return server_->server().active_connections() == 2; }));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(server_->StopAndJoin(std::chrono::seconds(2)));
  EXPECT_TRUE(a.WaitClosed(std::chrono::seconds(1)));
  EXPECT_TRUE(b.WaitClosed(std::chrono::seconds(1)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(server_->server().active_connections(), 0u);
}

TEST(HttpServer, StartThrowsWhenPortTaken) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor blocker(io, {boost::asio::ip::make_address("127.0.0.1"), 0},
                                         /*reuse_address=*/false);
  auto options = LocalOptions();
  options.port = blocker.local_endpoint().port();
  HttpServer server(io, options);
  try {
    server.Start();
    FAIL() << "Start() should have thrown";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(options.port)), std::string::npos)
        << e.what();
  }
}

TEST(HttpServer, RouteAfterStartIsRejected) {
  TestServer server;
  server.Start();
  EXPECT_THROW(server.server().Route("GET", "/x", [](const Request&, Response&) {}),
               std::logic_error);
}

}  // namespace
}  // namespace mensor::net

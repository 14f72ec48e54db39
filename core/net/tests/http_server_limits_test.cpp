// Defensive limits of HttpServer: sizes, timeouts and the connection cap.

#include <gtest/gtest.h>

#include "mensor/net/http_server.hpp"
#include "test_support.hpp"

namespace mensor::net {
namespace {

using testing::LocalOptions;
using testing::PollUntil;
using testing::RawConnection;
using testing::TestServer;

void AddOkRoutes(HttpServer& server) {
  server.Route("GET", "/ok",
               [](const Request&, Response& response) { response.SetJson(200, "{}"); });
  server.Route("POST", "/ok",
               [](const Request&, Response& response) { response.SetJson(200, "{}"); });
}

TEST(HttpServerLimits, OversizedHeadersGet431) {
  auto options = LocalOptions();
  options.max_header_bytes = 1024;
  TestServer server(options);
  AddOkRoutes(server.server());
  server.Start();

  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send("GET /ok HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(2000, 'a') +
                              "\r\n\r\n"));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_TRUE(connection.WaitClosed(std::chrono::seconds(3)));

  RawConnection small(server.port());  // just under the limit still works
  ASSERT_TRUE(
      small.Send("GET /ok HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(900, 'a') + "\r\n\r\n"));
  auto ok = small.ReadResponse();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(HttpServerLimits, OversizedBodyGets413) {
  auto options = LocalOptions();
  options.max_body_bytes = 1000;
  TestServer server(options);
  AddOkRoutes(server.server());
  server.Start();

  RawConnection declared(server.port());  // rejected from Content-Length alone
  ASSERT_TRUE(declared.Send("POST /ok HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n"));
  auto response = declared.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);

  RawConnection chunked(server.port());  // no length up front: rejected while streaming
  ASSERT_TRUE(chunked.Send("POST /ok HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" +
                           std::string("800\r\n") + std::string(0x800, 'x') + "\r\n"));
  auto streamed = chunked.ReadResponse();
  ASSERT_TRUE(streamed);
  EXPECT_EQ(streamed->status, 413);

  RawConnection fits(server.port());
  ASSERT_TRUE(fits.Send("POST /ok HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" +
                        std::string(1000, 'y')));
  auto ok = fits.ReadResponse();
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(HttpServerLimits, MalformedRequestGets400) {
  TestServer server;
  AddOkRoutes(server.server());
  server.Start();
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send("GET /ok HTTP/9.9 nonsense\r\n\r\n"));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
}

TEST(HttpServerLimits, SlowlorisIsDisconnectedAfterReadTimeout) {
  auto options = LocalOptions();
  options.read_timeout = std::chrono::seconds(1);
  options.idle_timeout = std::chrono::seconds(30);
  TestServer server(options);
  AddOkRoutes(server.server());
  server.Start();

  RawConnection connection(server.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(connection.Send("GET /ok HTTP/1.1\r\nHost: t\r\n"));  // never finished
  // Trickling bytes must not extend the deadline.
  for (int i = 0; i < 3; ++i) {
    if (!connection.Send("X-A: b\r\n")) break;
    if (connection.WaitClosed(std::chrono::milliseconds(300))) break;
  }
  EXPECT_TRUE(connection.WaitClosed(std::chrono::seconds(3)));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, std::chrono::milliseconds(900));
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(HttpServerLimits, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  auto options = LocalOptions();
  options.idle_timeout = std::chrono::seconds(1);
  TestServer server(options);
  AddOkRoutes(server.server());
  server.Start();

  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(connection.ReadResponse());
  EXPECT_TRUE(connection.WaitClosed(std::chrono::seconds(3)));
}

TEST(HttpServerLimits, ConnectionsBeyondTheCapAreClosed) {
  auto options = LocalOptions();
  options.max_connections = 2;
  TestServer server(options);
  AddOkRoutes(server.server());
  server.Start();

  auto first = std::make_unique<RawConnection>(server.port());
  RawConnection second(server.port());
  ASSERT_TRUE(PollUntil([&] { return server.server().active_connections() == 2; }));
  RawConnection third(server.port());
  EXPECT_TRUE(third.WaitClosed(std::chrono::seconds(2)));
  EXPECT_EQ(server.server().active_connections(), 2u);

  first.reset();  // frees a slot
  ASSERT_TRUE(PollUntil([&] { return server.server().active_connections() == 1; }));
  RawConnection fourth(server.port());
  ASSERT_TRUE(fourth.Send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto response = fourth.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

}  // namespace
}  // namespace mensor::net

#include "mensor/net/http_client.hpp"

#include <gtest/gtest.h>

#include <future>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "test_support.hpp"

namespace mensor::net {
namespace {

using testing::PollUntil;
using testing::TestServer;

/// Accepts TCP connections in the kernel backlog but never reads or answers.
class BlackHole {
 public:
  BlackHole() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {}
  std::string Url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/";
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.server().Route("GET", "/hello", [](const Request& request, Response& response) {
      response.SetText(200, "hello " + request.QueryParam("name") + " " +
                                std::string(request.Header("authorization").value_or("-")) + " " +
                                std::string(request.Header("user-agent").value_or("-")));
      response.headers.emplace_back("X-Ms-Request-Id", "req-1");
    });
    server_.server().Route("POST", "/echo", [](const Request& request, Response& response) {
      response.SetJson(201, request.body);
      response.content_type = std::string(request.Header("content-type").value_or(""));
    });
    server_.server().Route("PUT", "/echo", [](const Request& request, Response& response) {
      response.SetText(200, request.method + ":" + request.body);
    });
    server_.server().Route("GET", "/big", [](const Request&, Response& response) {
      response.SetText(200, std::string(4096, 'b'));
    });
    server_.Start();
  }

  TestServer server_;
};

TEST_F(HttpClientTest, GetWithHeadersAndQuery) {
  ClientOptions options;
  options.user_agent = "mensor-test/1";
  HttpClient client(options);
  ClientRequest request;
  request.url = server_.Url("/hello?name=w%20x");
  request.headers = {{"Authorization", "Bearer t0k"}};
  const ClientResponse response = client.Send(request);
  EXPECT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.body, "hello w x Bearer t0k mensor-test/1");
  ASSERT_TRUE(response.Header("x-ms-request-id"));
  EXPECT_EQ(*response.Header("X-MS-REQUEST-ID"), "req-1");
  EXPECT_GT(response.elapsed.count(), 0);
  EXPECT_TRUE(response.error.empty());
}

TEST_F(HttpClientTest, PostAndPutCarryTheBody) {
  HttpClient client;
  ClientRequest post;
  post.method = "POST";
  post.url = server_.Url("/echo");
  post.headers = {{"Content-Type", "application/json"}};
  post.body = std::string(R"({"resourceids":[)") + std::string(3000, ' ') + "]}";
  const auto posted = client.Send(post);
  EXPECT_EQ(posted.status, 201) << posted.error;
  EXPECT_EQ(posted.body, post.body);
  EXPECT_EQ(*posted.Header("content-type"), "application/json");

  ClientRequest put = post;
  put.method = "PUT";
  put.body = "abc";
  const auto putted = client.Send(put);
  EXPECT_EQ(putted.status, 200) << putted.error;
  EXPECT_EQ(putted.body, "PUT:abc");
}

TEST_F(HttpClientTest, NonSuccessStatusIsNotATransportFailure) {
  HttpClient client;
  const auto response = client.Send(testing::GetTo(server_.Url("/missing")));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, R"({"error":"not found"})");
  EXPECT_EQ(client.stats().completed, 1u);
  EXPECT_EQ(client.stats().failed, 0u);
}

TEST_F(HttpClientTest, SequentialRequestsReuseOneConnection) {
  HttpClient client;
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(client.Send(testing::GetTo(server_.Url("/hello"))).status, 200);
  }
  EXPECT_EQ(server_.server().accepted_connections(), 1u);
}

TEST_F(HttpClientTest, OversizedResponseBodyFails) {
  ClientOptions options;
  options.max_response_bytes = 1024;
  HttpClient client(options);
  const auto response = client.Send(testing::GetTo(server_.Url("/big")));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("1024"), std::string::npos) << response.error;
  EXPECT_TRUE(response.body.empty());
}

TEST(HttpClient, TimeoutGivesStatusZeroWithError) {
  BlackHole hole;
  HttpClient client;
  ClientRequest request;
  request.url = hole.Url();
  request.timeout = std::chrono::milliseconds(200);
  const auto start = std::chrono::steady_clock::now();
  const auto response = client.Send(request);
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("imed out"), std::string::npos) << response.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(client.stats().failed, 1u);
}

TEST(HttpClient, ConnectionRefusedGivesStatusZeroWithError) {
  uint16_t port = 0;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }  // closed again: nothing listens there now
  HttpClient client;
  const auto response =
      client.Send(testing::GetTo("http://127.0.0.1:" + std::to_string(port) + "/"));
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.error.empty());
}

TEST(HttpClient, StopCancelsInFlightAndQueuedRequests) {
  BlackHole hole;
  ClientOptions options;
  options.max_in_flight = 1;
  HttpClient client(options);
  constexpr int kRequests = 6;
  std::vector<std::promise<ClientResponse>> results(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    client.Submit(testing::GetTo(hole.Url()), [&results, i](ClientResponse response) {
      results[i].set_value(std::move(response));
    });
  }
  ASSERT_TRUE(PollUntil([&] { return client.stats().in_flight == 1; }));
  EXPECT_EQ(client.stats().queued, kRequests - 1u);
  const auto start = std::chrono::steady_clock::now();
  client.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  for (auto& result : results) {
    auto future = result.get_future();
    ASSERT_EQ(future.wait_for(std::chrono::seconds(0)), std::future_status::ready);
    const auto response = future.get();
    EXPECT_EQ(response.status, 0);
    EXPECT_EQ(response.error, "cancelled");
  }
  EXPECT_EQ(client.stats().failed, static_cast<uint64_t>(kRequests));
  EXPECT_EQ(client.stats().in_flight, 0u);
  EXPECT_EQ(client.stats().queued, 0u);

  // After Stop() requests fail at once instead of hanging.
  const auto late = client.Send(testing::GetTo(hole.Url()));
  EXPECT_EQ(late.status, 0);
  EXPECT_EQ(late.error, "client stopped");
}

TEST_F(HttpClientTest, SendFromCallbackIsRefused) {
  HttpClient client;
  std::promise<std::string> outcome;
  client.Submit(testing::GetTo(server_.Url("/hello")), [&](ClientResponse) {
    try {
      client.Send(testing::GetTo(server_.Url("/hello")));
      outcome.set_value("sent");
    } catch (const std::logic_error& e) {
      outcome.set_value(std::string("refused: ") + e.what());
    }
  });
  auto future = outcome.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(future.get().rfind("refused", 0), 0u);
}

TEST_F(HttpClientTest, CallbackMaySubmitFollowUps) {
  HttpClient client;
  std::promise<int> done;
  client.Submit(testing::GetTo(server_.Url("/hello")), [&](ClientResponse first) {
    client.Submit(testing::GetTo(server_.Url("/hello")),
                  [&, status = first.status](ClientResponse second) {
                    done.set_value(status + second.status);
                  });
  });
  auto future = done.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(future.get(), 400);
}

}  // namespace
}  // namespace mensor::net

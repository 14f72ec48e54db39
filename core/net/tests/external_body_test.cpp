// A route serving bytes it owns (a plugin's pre-rendered body) without the server copying them:
// the bytes arrive intact and the owner is released once the response is written.
#include <gtest/gtest.h>

#include <atomic>

#include "test_support.hpp"

namespace mensor::net {
namespace {

using testing::RawConnection;
using testing::TestServer;

struct Owner {
  explicit Owner(std::atomic<int>& released) : released(released) {}
  ~Owner() { ++released; }
  std::string bytes = std::string(200'000, 'x') + "end";
  std::atomic<int>& released;
};

TEST(ExternalBody, IsServedInPlaceAndReleasedAfterTheWrite) {
  std::atomic<int> released{0};
  TestServer server;
  server.server().Route("GET", "/metrics", [&](const Request&, Response& response) {
    auto owner = std::make_shared<const Owner>(released);
    response.status = 200;
    response.content_type = "text/plain";
    response.SetExternalBody(owner->bytes, owner);
  });
  server.Start();
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body.size(), 200'003u);
  EXPECT_TRUE(response->body.ends_with("end"));
  EXPECT_TRUE(testing::PollUntil([&] { return released.load() == 1; }))
      << "the server keeps the owner only while writing";
  EXPECT_TRUE(server.StopAndJoin(std::chrono::seconds(5)));
}

}  // namespace
}  // namespace mensor::net

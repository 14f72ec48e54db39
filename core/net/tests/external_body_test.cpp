// A route serving bytes it owns (a plugin's pre-rendered body, possibly kept in many pieces)
// without the server copying or assembling them: the bytes arrive intact and in order, and the
// owner is released once the response is written.
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

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

// Pieces of one string of `total` bytes, `count` segments of varying sizes and some empty ones,
// the way a sink's body views its stored chunks.
struct Pieces {
  Pieces(size_t total, size_t count) {
    text.reserve(total);
    for (size_t i = 0; text.size() < total; ++i) text += static_cast<char>('a' + i % 26);
    size_t begin = 0;
    for (size_t i = 0; i < count && begin < text.size(); ++i) {
      const size_t length = i % 7 == 3 ? 0 : std::min(text.size() - begin, 1 + i * 37 % 4001);
      segments.push_back(std::string_view(text).substr(begin, length));
      begin += length;
    }
    segments.push_back(std::string_view(text).substr(begin));
  }
  std::string text;
  std::vector<std::string_view> segments;
};

class ExternalSegments : public ::testing::Test {
 protected:
  // Serves `pieces` on /metrics; `released` counts owners gone.
  void Serve(std::shared_ptr<const Pieces> pieces) {
    server_.server().Route("GET", "/metrics", [this, pieces](const Request&, Response& response) {
      auto owner =
          std::shared_ptr<const void>(pieces.get(), [this, pieces](const void*) { ++released_; });
      response.status = 200;
      response.content_type = "text/plain";
      response.SetExternalBody(pieces->segments, std::move(owner));
    });
    server_.Start();
  }

  std::atomic<int> released_{0};
  TestServer server_;
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

TEST(ExternalSegmentsSize, SumsTheSegments) {
  Response response;
  response.SetBody("ignored while an external body is set");
  response.SetExternalBody({"ab", "", "cde"}, std::make_shared<int>(0));
  EXPECT_EQ(response.BodySize(), 5u);
  EXPECT_EQ(response.BodySegments().size(), 3u);
}

TEST_F(ExternalSegments, SegmentsArriveAsTheirConcatenation) {
  auto pieces = std::make_shared<const Pieces>(10'000, 12);
  Serve(pieces);
  RawConnection connection(server_.port());
  ASSERT_TRUE(connection.Send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto response = connection.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->headers.at("content-length"), "10000");
  EXPECT_EQ(response->body, pieces->text);
  pieces.reset();
  EXPECT_TRUE(testing::PollUntil([&] { return released_.load() == 1; }))
      << "the server keeps the owner only while writing";
  EXPECT_TRUE(server_.StopAndJoin(std::chrono::seconds(5)));
}

TEST_F(ExternalSegments, HeadSendsTheLengthButNoBytes) {
  Serve(std::make_shared<const Pieces>(5'000, 9));
  RawConnection connection(server_.port());
  ASSERT_TRUE(connection.Send("HEAD /metrics HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto head = connection.ReadResponse(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers.at("content-length"), "5000");
  // Kept alive, and no stray body bytes precede the next response.
  ASSERT_TRUE(connection.Send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto get = connection.ReadResponse();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->body.size(), 5'000u);
  EXPECT_TRUE(testing::PollUntil([&] { return released_.load() == 2; }));
  EXPECT_TRUE(server_.StopAndJoin(std::chrono::seconds(5)));
}

// More segments than one gather write takes and more bytes than the socket buffers hold, twice
// on one connection: the write resumes where the kernel stopped.
TEST_F(ExternalSegments, ManySegmentsOfALargeBodyOverKeepAlive) {
  auto pieces = std::make_shared<const Pieces>(8'000'000, 20'000);
  ASSERT_GT(pieces->segments.size(), 1'000u);
  Serve(pieces);
  RawConnection connection(server_.port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(connection.Send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n"));
    const auto response = connection.ReadResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body.size(), pieces->text.size());
    EXPECT_TRUE(response->body == pieces->text) << "request " << i;
  }
  EXPECT_TRUE(testing::PollUntil([&] { return released_.load() == 2; }));
  EXPECT_TRUE(server_.StopAndJoin(std::chrono::seconds(5)));
}

}  // namespace
}  // namespace mensor::net

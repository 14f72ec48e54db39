// Sink lifecycle and routes through the C descriptors (TestSink in test_plugin.cpp).
#include <mensor/sdk/route.hpp>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <gtest/gtest.h>

namespace {

using mensor::testing::FakeHost;
using mensor::testing::FakeReply;
using mensor::testing::SinkInstance;

class RouteTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST_F(RouteTest, ServesWhatWasWritten) {
  SinkInstance sink(host_, "TestSink", "path: /metrics");
  ASSERT_TRUE(sink.created()) << sink.create_call().error_message;
  ASSERT_EQ(sink.Start().status, MENSOR_OK);
  ASSERT_EQ(host_.routes().size(), 1u);
  auto write = sink.Write({{.name = "m", .value = 3, .labels = {{"k", "v"}}}}, "s1");
  ASSERT_EQ(write.status, MENSOR_OK) << write.call.error_message;

  auto reply = host_.HttpGet("/metrics", "", {{"Accept", "text/plain"}});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "text/plain");
  EXPECT_EQ(reply.body, "m{k=v,} 3\ntext/plain");
  ASSERT_EQ(reply.headers.size(), 1u);
  EXPECT_EQ(reply.headers[0], (std::pair<std::string, std::string>{"X-Scope", "s1"}));
}

TEST_F(RouteTest, HandlerExceptionsBecome500) {
  SinkInstance sink(host_, "TestSink", "{}");
  ASSERT_EQ(sink.Start().status, MENSOR_OK);
  auto reply = host_.HttpGet("/metrics", "fail");
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.body, "handler failed");
  EXPECT_EQ(host_.HttpGet("/other").status, 404);
}

TEST_F(RouteTest, TakenPathFailsStart) {
  SinkInstance first(host_, "TestSink", "{}");
  SinkInstance second(host_, "TestSink", "{}");
  ASSERT_EQ(first.Start().status, MENSOR_OK);
  auto result = second.Start();
  EXPECT_EQ(result.status, MENSOR_E_CONFIG);
  EXPECT_NE(result.call.error_message.find("'/metrics'"), std::string::npos);
}

TEST_F(RouteTest, StopRemovesRoutesAndLogs) {
  {
    SinkInstance sink(host_, "TestSink", "{}");
    ASSERT_EQ(sink.Start().status, MENSOR_OK);
  }
  EXPECT_TRUE(host_.routes().empty());
  EXPECT_TRUE(host_.LogsContain("sink stopped"));
}

// SetSegments hands the host views into memory the owner keeps; the body is their concatenation.
TEST(RouteReplyTest, SetSegmentsServesTheConcatenationAndReleasesTheOwner) {
  FakeHost host;
  auto text = std::make_shared<const std::string>("abcdef");
  std::weak_ptr<const std::string> alive = text;
  const std::string_view bytes = *text;
  const std::string_view segments[] = {bytes.substr(0, 2), "", bytes.substr(2)};
  FakeReply reply;
  mensor::sdk::RouteReply route_reply(reply.raw());
  route_reply.SetSegments(200, "text/plain", segments, std::move(text));
  EXPECT_TRUE(route_reply.was_set());
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "text/plain");
  EXPECT_EQ(reply.body, "abcdef");
  EXPECT_EQ(reply.segment_count, 3u);
  EXPECT_TRUE(alive.expired()) << "the fake host copies, so it releases the owner at once";
}

TEST(RouteReplyTest, SetSegmentsCopiesOnAHostWithoutTheSlot) {
  FakeHost host;
  mensor_host_api old_table = host.api();  // an ABI 1.2 host: the table ends before the slot
  old_table.struct_size = offsetof(mensor_host_api, reply_set_segments);
  mensor::sdk::detail::SetHostApi(&old_table);
  const std::string_view segments[] = {"# TYPE m gauge\n", "m 1\n"};
  FakeReply reply;
  mensor::sdk::RouteReply(reply.raw()).SetSegments(200, "text/plain", segments, nullptr);
  mensor::sdk::detail::SetHostApi(host.raw());
  EXPECT_EQ(reply.body, "# TYPE m gauge\nm 1\n");
  EXPECT_EQ(reply.segment_count, 0u) << "served through reply_set";
}

}  // namespace

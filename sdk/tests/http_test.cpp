#include <mensor/sdk/http.hpp>
#include <mensor/testing/fake_host.hpp>

#include <gtest/gtest.h>

namespace {

using mensor::sdk::Call;
using mensor::sdk::HttpRequest;
using mensor::testing::FakeHost;

class HttpTest : public ::testing::Test {
 protected:
  FakeHost host_;
  mensor::testing::FakeCall fake_call_;
  Call call_{fake_call_.raw()};
};

TEST_F(HttpTest, SendsAndCopiesWantedHeaders) {
  host_.QueueHttpResponse(
      {.status = 429, .body = "slow down", .headers = {{"Retry-After", "7"}, {"X-Other", "1"}}});
  HttpRequest request{.url = "https://management.azure.com/x"};
  request.headers = {{"Accept", "application/json"}};
  request.auth_scope = "https://management.azure.com/.default";
  request.timeout = std::chrono::milliseconds(1500);
  auto response = mensor::sdk::HttpSend(call_, request, {"retry-after", "X-Missing"});
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.body, "slow down");
  EXPECT_EQ(response.Header("RETRY-AFTER"), "7");
  EXPECT_EQ(response.Header("X-Other"), std::nullopt);  // not asked for
  EXPECT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(host_.live_http_responses(), 0);

  auto sent = host_.http_requests().at(0);
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, "https://management.azure.com/x");
  EXPECT_EQ(sent.Header("accept"), "application/json");
  EXPECT_EQ(sent.auth_scope, "https://management.azure.com/.default");
  EXPECT_EQ(sent.timeout_ms, 1500);
}

TEST_F(HttpTest, HandleCallsThroughUntilReleased) {
  host_.SetHttpHandler([](const mensor::testing::FakeHttpRequest& r) {
    return mensor::testing::FakeHttpResponse{
        .status = 200, .body = r.url, .headers = {{"ETag", "e"}}};
  });
  {
    auto handle = mensor::sdk::HttpSendRaw(call_, {.url = "u1"});
    EXPECT_EQ(host_.live_http_responses(), 1);
    EXPECT_EQ(handle.Status(), 200);
    EXPECT_EQ(handle.Body(), "u1");
    EXPECT_EQ(handle.Header("etag"), "e");
    auto moved = std::move(handle);
    EXPECT_EQ(moved.Header("ETag"), "e");
  }
  EXPECT_EQ(host_.live_http_responses(), 0);
}

TEST_F(HttpTest, TransportFailuresThrowWithTheirCode) {
  host_.QueueHttpResponse({.transport_error = MENSOR_E_TIMEOUT});
  try {
    mensor::sdk::HttpSend(call_, {.url = "https://x"});
    FAIL() << "expected Error";
  } catch (const mensor::sdk::Error& e) {
    EXPECT_EQ(e.code(), MENSOR_E_TIMEOUT);
    EXPECT_NE(std::string(e.what()).find("https://x"), std::string::npos);
  }
  try {
    mensor::sdk::HttpSend(call_, {.url = "https://y"});  // nothing scripted
    FAIL() << "expected Error";
  } catch (const mensor::sdk::Error& e) {
    EXPECT_EQ(e.code(), MENSOR_E_UNAVAILABLE);
  }
}

TEST_F(HttpTest, CallReportsAndDeadline) {
  fake_call_.deadline_mono_ns = host_.mono_ns() + 10;
  EXPECT_NO_THROW(call_.ThrowIfDone());
  host_.AdvanceNs(10);
  EXPECT_THROW(call_.ThrowIfDone(), mensor::sdk::Error);
  call_.ReportWarning("k", "w");
  EXPECT_FALSE(call_.HasReportedErrors());
  call_.ReportError(nullptr, "e");
  EXPECT_TRUE(call_.HasReportedErrors());
  EXPECT_EQ(fake_call_.diagnostics.size(), 2u);
}

}  // namespace

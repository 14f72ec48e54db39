#include <gtest/gtest.h>

#include <mensor/plugin/detail/call.hpp>
#include <mensor/plugin/detail/results.hpp>
#include <mensor/plugin/host_api.hpp>

#include "fake_backend.hpp"

namespace mensor::plugin {
namespace {

using testing::FakeBackend;
using testing::S;
using testing::ScopedBackend;
using testing::ToString;

class HostHttpTest : public ::testing::Test {
 protected:
  HostHttpTest() : scoped_(&backend_) {
    headers_[0] = {S("Accept"), S("application/json")};
    request_.struct_size = sizeof(request_);
    request_.method = S("POST");
    request_.url = S("https://management.azure.com/x?sig=secret");
    request_.headers = headers_;
    request_.header_count = 1;
    request_.body = S("{}");
    request_.auth_scope = S("https://management.azure.com/.default");
  }
  const mensor_host_api* host_ = HostApi();
  FakeBackend backend_;
  ScopedBackend scoped_;
  mensor_http_header headers_[1];
  mensor_http_request request_{};
  mensor_call call_;
  mensor_http_resp* resp_ = nullptr;
};

TEST_F(HostHttpTest, SendsAndExposesTheResponse) {
  backend_.next_result.status = 200;
  backend_.next_result.body = "{\"value\":[]}";
  backend_.next_result.headers = {{"Retry-After", "3"}};
  ASSERT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_OK);
  ASSERT_NE(resp_, nullptr);
  ASSERT_EQ(backend_.calls.size(), 1u);
  const auto& sent = backend_.calls[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "https://management.azure.com/x?sig=secret");
  EXPECT_EQ(sent.headers,
            (std::vector<std::pair<std::string, std::string>>{{"Accept", "application/json"}}));
  EXPECT_EQ(sent.body, "{}");
  EXPECT_EQ(sent.auth_scope, "https://management.azure.com/.default");
  EXPECT_EQ(sent.timeout.count(), 0);
  EXPECT_EQ(host_->http_resp_status(resp_), 200);
  EXPECT_EQ(ToString(host_->http_resp_body(resp_)), "{\"value\":[]}");
  mensor_str value{};
  EXPECT_TRUE(host_->http_resp_header(resp_, "retry-after", &value));
  EXPECT_EQ(ToString(value), "3");
  EXPECT_FALSE(host_->http_resp_header(resp_, "x-missing", &value));
  host_->http_resp_release(resp_);
  host_->http_resp_release(nullptr);
}

TEST_F(HostHttpTest, HttpErrorStatusIsStillOk) {
  backend_.next_result.status = 429;
  ASSERT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_OK);
  EXPECT_EQ(host_->http_resp_status(resp_), 429);
  host_->http_resp_release(resp_);
}

TEST_F(HostHttpTest, TransportFailures) {
  backend_.next_result.error = "connection refused";
  EXPECT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(resp_, nullptr);
  EXPECT_EQ(call_.error_message,
            "POST https://management.azure.com/x: connection refused");  // query dropped
  backend_.next_result.failure = MENSOR_E_UNAUTHENTICATED;
  EXPECT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_E_UNAUTHENTICATED);
}

TEST_F(HostHttpTest, DeadlineClipsTheTimeout) {
  call_.deadline_mono_ns = backend_.mono_ns + 1'500'000'000;
  request_.timeout_ms = 5000;
  backend_.next_result.status = 200;
  ASSERT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_OK);
  EXPECT_EQ(backend_.calls.back().timeout.count(), 1500);
  EXPECT_EQ(backend_.last_deadline, call_.deadline_mono_ns);
  host_->http_resp_release(resp_);

  request_.timeout_ms = 200;
  ASSERT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_OK);
  EXPECT_EQ(backend_.calls.back().timeout.count(), 200);
  host_->http_resp_release(resp_);
}

TEST_F(HostHttpTest, FailureAfterTheDeadlineIsATimeout) {
  call_.deadline_mono_ns = backend_.mono_ns + 1000;
  backend_.advance_on_send_ns = 2000;
  backend_.next_result.error = "operation timed out";
  EXPECT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_E_TIMEOUT);
}

TEST_F(HostHttpTest, PassedDeadlineOrCancellationSkipTheBackend) {
  call_.deadline_mono_ns = backend_.mono_ns - 1;
  EXPECT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_E_TIMEOUT);
  call_.deadline_mono_ns = 0;
  call_.Cancel();
  EXPECT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_E_CANCELLED);
  EXPECT_TRUE(backend_.calls.empty());
}

TEST_F(HostHttpTest, BadRequests) {
  EXPECT_EQ(host_->http_send(nullptr, &request_, &resp_), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->http_send(&call_, nullptr, &resp_), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->http_send(&call_, &request_, nullptr), MENSOR_E_INVALID_ARGUMENT);
  request_.struct_size = sizeof(request_) + 8;
  EXPECT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_E_INVALID_ARGUMENT);
  request_.struct_size = sizeof(request_);
  request_.url = S("");
  EXPECT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_TRUE(backend_.calls.empty());
}

TEST_F(HostHttpTest, OlderRequestStructDefaultsTheRest) {
  request_.struct_size = offsetof(mensor_http_request, headers);  // method and url only
  backend_.next_result.status = 204;
  ASSERT_EQ(host_->http_send(&call_, &request_, &resp_), MENSOR_OK);
  EXPECT_TRUE(backend_.calls.back().headers.empty());
  EXPECT_TRUE(backend_.calls.back().auth_scope.empty());
  host_->http_resp_release(resp_);
}

TEST(HostHttpNoBackend, SendIsUnavailableAndRoutesUnsupported) {
  const mensor_host_api* host = HostApi();
  mensor_http_request request{};
  request.struct_size = sizeof(request);
  request.url = S("http://x/");
  mensor_call call;
  mensor_http_resp* resp = nullptr;
  EXPECT_EQ(host->http_send(&call, &request, &resp), MENSOR_E_UNAVAILABLE);
  mensor_host_ctx ctx{"p", "i", nullptr};
  EXPECT_EQ(host->http_route(
                &ctx, S("/metrics"),
                [](void*, const mensor_http_request_view*, mensor_http_reply*) {}, nullptr),
            MENSOR_E_UNSUPPORTED);
}

void ServeMetrics(void* user_data, const mensor_http_request_view* request,
                  mensor_http_reply* reply) {
  const mensor_host_api* host = HostApi();
  ++*static_cast<int*>(user_data);
  host->reply_set(reply, 200, S("text/plain"), request->path);
}

TEST_F(HostHttpTest, RoutesReachTheBackend) {
  mensor_host_ctx ctx{"prometheus", "default", nullptr};
  int calls = 0;
  ASSERT_EQ(host_->http_route(&ctx, S("/metrics"), ServeMetrics, &calls), MENSOR_OK);
  EXPECT_EQ(host_->http_route(&ctx, S("/metrics"), ServeMetrics, &calls), MENSOR_E_CONFIG);
  EXPECT_EQ(host_->http_route(&ctx, S("metrics"), ServeMetrics, &calls), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->http_route(&ctx, S("/x"), nullptr, &calls), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->http_route(nullptr, S("/x"), ServeMetrics, &calls), MENSOR_E_INVALID_ARGUMENT);

  mensor_http_request_view view{};
  view.struct_size = sizeof(view);
  view.method = S("GET");
  view.path = S("/metrics");
  mensor_http_reply reply;
  backend_.routes.at("/metrics")(view, &reply);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(reply.body, "/metrics");
  EXPECT_EQ(reply.content_type, "text/plain");
}

}  // namespace
}  // namespace mensor::plugin

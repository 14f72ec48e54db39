#include "token_fetcher.hpp"

#include <gtest/gtest.h>
#include <mensor/sdk/error.hpp>

#include <deque>
#include <variant>
#include <vector>

namespace mensor::managed_identity {
namespace {

constexpr int64_t kNs = 1'000'000'000;

// Scripted responses or transport errors, a manual clock that Sleep advances.
class ScriptedContext : public FetchContext {
 public:
  using Step = std::variant<Response, sdk::Error>;

  void Add(int status, std::string body, std::optional<std::string> retry_after = {}) {
    steps_.push_back(Response{status, std::move(body), std::move(retry_after)});
  }
  void AddTransportError(mensor_status code) {
    steps_.push_back(sdk::Error(code, "connection refused"));
  }

  Response Send(const TokenRequest&) override {
    ++sends;
    if (steps_.empty()) throw std::logic_error("no scripted response left");
    Step step = std::move(steps_.front());
    steps_.pop_front();
    if (auto* error = std::get_if<sdk::Error>(&step)) throw *error;
    return std::get<Response>(step);
  }
  int64_t NowUnixNs() override { return 1000 * kNs + mono_ns; }
  int64_t NowMonoNs() override { return mono_ns; }
  int64_t DeadlineMonoNs() override { return deadline_ns; }
  bool Cancelled() override { return cancelled; }
  void Sleep(std::chrono::nanoseconds duration) override {
    sleeps.push_back(duration);
    mono_ns += duration.count();
  }
  double Random01() override { return 0.5; }  // no jitter
  void Note(std::string_view message) override { notes.emplace_back(message); }

  int sends = 0;
  int64_t mono_ns = 0;
  int64_t deadline_ns = 0;
  bool cancelled = false;
  std::vector<std::chrono::nanoseconds> sleeps;
  std::vector<std::string> notes;

 private:
  std::deque<Step> steps_;
};

TokenRequest ImdsRequest() {
  TokenRequest request;
  request.kind = EndpointKind::kImds;
  request.url = "http://169.254.169.254/metadata/identity/oauth2/token";
  return request;
}

constexpr char kOk[] = R"({"access_token":"tok","expires_on":"2000"})";

TEST(FetchToken, SuccessFirstTime) {
  ScriptedContext context;
  context.Add(200, kOk);
  AccessToken token = FetchToken(context, ImdsRequest(), RetryPolicy{});
  EXPECT_EQ(token.value, "tok");
  EXPECT_EQ(token.expires_unix_ns, 2000 * kNs);
  EXPECT_EQ(context.sends, 1);
  EXPECT_TRUE(context.sleeps.empty());
}

TEST(FetchToken, RetriesImdsUpdatingThenSucceeds) {
  ScriptedContext context;
  context.Add(404, "");
  context.Add(410, "");
  context.Add(200, kOk);
  AccessToken token = FetchToken(context, ImdsRequest(), RetryPolicy{});
  EXPECT_EQ(token.value, "tok");
  EXPECT_EQ(context.sends, 3);
  ASSERT_EQ(context.sleeps.size(), 2u);
  EXPECT_EQ(context.sleeps[0], std::chrono::seconds(1));
  EXPECT_EQ(context.sleeps[1], std::chrono::seconds(2));
  ASSERT_EQ(context.notes.size(), 2u);
  EXPECT_EQ(context.notes[0], "IMDS returned 404; retrying in 1.00 s (attempt 2 of 5)");
}

TEST(FetchToken, HonoursRetryAfterWhenLonger) {
  ScriptedContext context;
  context.Add(429, R"({"error":"throttled"})", "7");
  context.Add(200, kOk);
  FetchToken(context, ImdsRequest(), RetryPolicy{});
  ASSERT_EQ(context.sleeps.size(), 1u);
  EXPECT_EQ(context.sleeps[0], std::chrono::seconds(7));
}

TEST(FetchToken, RetriesTransportUnavailable) {
  ScriptedContext context;
  context.AddTransportError(MENSOR_E_UNAVAILABLE);
  context.Add(200, kOk);
  EXPECT_EQ(FetchToken(context, ImdsRequest(), RetryPolicy{}).value, "tok");
}

TEST(FetchToken, DoesNotRetryTimeout) {
  ScriptedContext context;
  context.AddTransportError(MENSOR_E_TIMEOUT);
  try {
    FetchToken(context, ImdsRequest(), RetryPolicy{});
    FAIL();
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_TIMEOUT);
  }
  EXPECT_EQ(context.sends, 1);
}

TEST(FetchToken, NonRetryableErrorIsUnauthenticated) {
  ScriptedContext context;
  context.Add(400, R"({"error":"invalid_request","error_description":"Identity not found"})");
  try {
    FetchToken(context, ImdsRequest(), RetryPolicy{});
    FAIL();
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_UNAUTHENTICATED);
    EXPECT_STREQ(error.what(), "IMDS returned 400: invalid_request: Identity not found");
  }
  EXPECT_EQ(context.sends, 1);
}

TEST(FetchToken, GivesUpAfterMaxAttempts) {
  ScriptedContext context;
  for (int i = 0; i < 3; ++i) context.Add(503, R"({"error":"unavailable"})");
  RetryPolicy policy;
  policy.max_attempts = 3;
  try {
    FetchToken(context, ImdsRequest(), policy);
    FAIL();
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_UNAVAILABLE);
    EXPECT_STREQ(error.what(), "IMDS returned 503: unavailable (after 3 attempts)");
  }
  EXPECT_EQ(context.sends, 3);
}

TEST(FetchToken, StopsRetryingBeforeDeadline) {
  ScriptedContext context;
  context.deadline_ns = 2 * kNs;  // room for the 1 s wait, not for the 2 s one
  for (int i = 0; i < 5; ++i) context.Add(500, "");
  try {
    FetchToken(context, ImdsRequest(), RetryPolicy{});
    FAIL();
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_UNAVAILABLE);
    EXPECT_NE(std::string(error.what()).find("deadline"), std::string::npos);
  }
  EXPECT_EQ(context.sends, 2);
}

TEST(FetchToken, CancelledBeforeSending) {
  ScriptedContext context;
  context.cancelled = true;
  try {
    FetchToken(context, ImdsRequest(), RetryPolicy{});
    FAIL();
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_CANCELLED);
  }
  EXPECT_EQ(context.sends, 0);
}

TEST(BackoffDelay, ExponentialCappedWithJitterBounds) {
  RetryPolicy policy;
  policy.jitter = 0;
  EXPECT_EQ(BackoffDelay(policy, 1, 0.9), std::chrono::seconds(1));
  EXPECT_EQ(BackoffDelay(policy, 3, 0.9), std::chrono::seconds(4));
  EXPECT_EQ(BackoffDelay(policy, 10, 0.9), std::chrono::seconds(16));
  policy.jitter = 0.25;
  EXPECT_EQ(BackoffDelay(policy, 1, 0.0), std::chrono::milliseconds(750));
  EXPECT_EQ(BackoffDelay(policy, 1, 1.0), std::chrono::milliseconds(1250));
  EXPECT_EQ(BackoffDelay(policy, 0, 0.5), std::chrono::nanoseconds(0));
}

TEST(ParseRetryAfter, DeltaSecondsOnly) {
  EXPECT_EQ(ParseRetryAfter("5"), std::chrono::seconds(5));
  EXPECT_EQ(ParseRetryAfter(" 12 "), std::chrono::seconds(12));
  EXPECT_FALSE(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
  EXPECT_FALSE(ParseRetryAfter(""));
  EXPECT_FALSE(ParseRetryAfter("-1"));
}

}  // namespace
}  // namespace mensor::managed_identity

#include "token_fetcher.hpp"

#include <gtest/gtest.h>
#include <mensor/sdk/error.hpp>

#include <deque>
#include <filesystem>
#include <fstream>
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
  std::deque<Step>& steps() { return steps_; }
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
  EXPECT_EQ(context.sleeps[0], std::chrono::seconds(2));
  EXPECT_EQ(context.sleeps[1], std::chrono::seconds(4));
  ASSERT_EQ(context.notes.size(), 2u);
  EXPECT_EQ(context.notes[0], "IMDS returned 404; retrying in 2.00 s (attempt 2 of 5)");
}

TEST(FetchToken, MicrosoftsScheduleAttemptsAtZeroTwoSixFourteenThirty) {
  ScriptedContext context;
  for (int i = 0; i < 5; ++i) context.Add(503, "");
  EXPECT_THROW(FetchToken(context, ImdsRequest(), RetryPolicy{}), sdk::Error);
  std::vector<std::chrono::nanoseconds> expected = {
      std::chrono::seconds(2), std::chrono::seconds(4), std::chrono::seconds(8),
      std::chrono::seconds(16)};
  EXPECT_EQ(context.sleeps, expected);
  EXPECT_EQ(context.sends, 5);
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
  context.deadline_ns = 4 * kNs;  // room for the 2 s wait, not for the 4 s one
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
  EXPECT_EQ(BackoffDelay(policy, 1, 0.9), std::chrono::seconds(2));
  EXPECT_EQ(BackoffDelay(policy, 3, 0.9), std::chrono::seconds(8));
  EXPECT_EQ(BackoffDelay(policy, 10, 0.9), std::chrono::seconds(16));
  policy.jitter = 0.25;
  EXPECT_EQ(BackoffDelay(policy, 1, 0.0), std::chrono::milliseconds(1500));
  EXPECT_EQ(BackoffDelay(policy, 1, 1.0), std::chrono::milliseconds(2500));
  EXPECT_EQ(BackoffDelay(policy, 0, 0.5), std::chrono::nanoseconds(0));
}

class ArcContext : public ScriptedContext {
 public:
  explicit ArcContext(std::string directory) : directory_(std::move(directory)) {}
  Response Send(const TokenRequest& request) override {
    seen.push_back(request);
    return ScriptedContext::Send(request);
  }
  std::string ArcKeyDirectory() override { return directory_; }
  std::vector<TokenRequest> seen;

 private:
  std::string directory_;
};

TEST(FetchToken, ArcChallengeIsAnsweredWithTheKeyFilesContent) {
  std::string pattern = (std::filesystem::temp_directory_path() / "mensor-arc-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  std::ofstream(dir + "/abc.key") << "arc-secret";
  ArcContext context(dir);
  context.steps().push_back(
      FetchContext::Response{401, "", std::nullopt, "Basic realm=" + dir + "/abc.key"});
  context.Add(200, kOk);
  TokenRequest request;
  request.kind = EndpointKind::kArc;
  request.url = "http://localhost:40342/metadata/identity/oauth2/token";
  request.headers = {{"Metadata", "true"}};
  EXPECT_EQ(FetchToken(context, request, RetryPolicy{}).value, "tok");
  ASSERT_EQ(context.seen.size(), 2u);
  EXPECT_EQ(context.seen[1].headers.back(),
            (std::pair<std::string, std::string>{"Authorization", "Basic arc-secret"}));
  EXPECT_TRUE(context.sleeps.empty());
  std::filesystem::remove_all(dir);
}

TEST(ReadArcChallengeKey, RefusesFilesOutsideTheDirectoryOrNotKeys) {
  std::string pattern = (std::filesystem::temp_directory_path() / "mensor-arc-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  std::ofstream(dir + "/k.txt") << "x";
  std::ofstream(dir + "/big.key") << std::string(5000, 'x');
  const auto error_of = [&](const std::string& header) {
    try {
      ReadArcChallengeKey(header, dir);
    } catch (const sdk::Error& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("Basic realm=" + dir + "/k.txt").find("does not end in .key"),
            std::string::npos);
  EXPECT_NE(error_of("Basic realm=/etc/shadow.key").find("is not in"), std::string::npos);
  EXPECT_NE(error_of("Basic realm=" + dir + "/big.key").find("larger than 4096"),
            std::string::npos);
  EXPECT_NE(error_of("Bearer x").find("no 'Basic realm='"), std::string::npos);
  std::filesystem::remove_all(dir);
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

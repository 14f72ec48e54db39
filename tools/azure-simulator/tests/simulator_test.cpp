// Routing, ARM authentication, the read budget, faults and the control API.
#include "simulator.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::sim {
namespace {

using testing::FixedNow;
using testing::kNamespaceId;

const std::string kMetricsPath = std::string(kNamespaceId) +
                                 "/providers/Microsoft.Insights/metrics?api-version=2018-01-01"
                                 "&metricnames=ActiveMessages&timespan=PT10M";

class SimulatorTest : public ::testing::Test {
 protected:
  SimResponse Control(const std::string& method, const std::string& path,
                      const std::string& body = "") {
    return sim_->Handle(SimRequest::Make(method, path, {}, body));
  }
  SimResponse GetMetrics(const std::string& token) {
    return sim_->Handle(testing::Get(kMetricsPath, token));
  }

  std::shared_ptr<TimePoint> now_ = std::make_shared<TimePoint>(FixedNow());
  std::unique_ptr<Simulator> sim_ = testing::MakeSimulator(now_);
};

void ExpectUnauthorized(const SimResponse& response, const std::string& code) {
  EXPECT_EQ(response.status, 401) << response.body;
  EXPECT_EQ(response.JsonBody()["error"]["code"], code) << response.body;
  EXPECT_TRUE(response.JsonBody()["error"]["message"].is_string());
  const auto challenge = response.headers.Get("WWW-Authenticate");
  ASSERT_TRUE(challenge);
  EXPECT_EQ(challenge->rfind("Bearer authorization_uri=", 0), 0u) << *challenge;
}

TEST_F(SimulatorTest, ArmRequiresAuthorization) {
  ExpectUnauthorized(GetMetrics(""), "AuthenticationFailed");
  ExpectUnauthorized(GetMetrics("not-a-jwt"), "InvalidAuthenticationToken");
  const TokenIssuer stranger("other-key", std::chrono::seconds(3600));
  ExpectUnauthorized(
      GetMetrics(stranger.Issue({"t", "a", "o"}, "https://management.azure.com/", FixedNow())),
      "InvalidAuthenticationToken");
  ExpectUnauthorized(GetMetrics(testing::ArmToken(*sim_, "https://storage.azure.com/")),
                     "InvalidAuthenticationTokenAudience");
}

TEST_F(SimulatorTest, AcceptsEveryArmAudienceSpelling) {
  for (const char* audience :
       {"https://management.azure.com/", "https://management.azure.com",
        "https://management.core.windows.net/", "https://management.core.windows.net"}) {
    EXPECT_EQ(GetMetrics(testing::ArmToken(*sim_, audience)).status, 200) << audience;
  }
}

TEST_F(SimulatorTest, ExpiredTokenIsRejected) {
  const std::string token = testing::ArmToken(*sim_);
  EXPECT_EQ(GetMetrics(token).status, 200);
  *now_ += std::chrono::hours(1);
  ExpectUnauthorized(GetMetrics(token), "ExpiredAuthenticationToken");
  EXPECT_EQ(
      sim_->Handle(SimRequest::Make("GET", "/_sim/requests")).JsonBody()["counts"]["unauthorized"],
      1);
}

TEST_F(SimulatorTest, ArmResponsesCarryArmHeaders) {
  FieldList headers;
  headers.Add("Authorization", "Bearer " + testing::ArmToken(*sim_));
  headers.Add("x-ms-correlation-request-id", "corr-42");
  const auto response = sim_->Handle(SimRequest::Make("GET", kMetricsPath, headers));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.Get("x-ms-correlation-request-id"), "corr-42");
  EXPECT_EQ(response.headers.Get("x-ms-request-id")->size(), 36u);
  EXPECT_EQ(response.headers.Get("Date"), "Sat, 28 Nov 2026 12:34:30 GMT");
  EXPECT_EQ(response.headers.Get("x-ms-ratelimit-remaining-subscription-reads"), "11999");
  EXPECT_EQ(sim_->Handle(SimRequest::Make("GET", kMetricsPath, headers))
                .headers.Get("x-ms-ratelimit-remaining-subscription-reads"),
            "11998");
}

TEST_F(SimulatorTest, ReadBudgetThrottlesPerSubscriptionAndRefills) {
  SimulatorOptions options;
  options.arm_read_budget = 2;
  sim_ = testing::MakeSimulator(now_, std::move(options));
  const std::string token = testing::ArmToken(*sim_);
  EXPECT_EQ(GetMetrics(token).headers.Get("x-ms-ratelimit-remaining-subscription-reads"), "1");
  EXPECT_EQ(GetMetrics(token).headers.Get("x-ms-ratelimit-remaining-subscription-reads"), "0");
  const auto throttled = GetMetrics(token);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.JsonBody()["error"]["code"], "SubscriptionRequestsThrottled");
  EXPECT_EQ(throttled.headers.Get("Retry-After"), "1800");  // One read per half hour.

  std::string other = kMetricsPath;
  other.replace(other.find("sub-1"), 5, "sub-2");
  EXPECT_EQ(sim_->Handle(testing::Get(other, token)).status, 200);

  *now_ += std::chrono::minutes(30);
  EXPECT_EQ(GetMetrics(testing::ArmToken(*sim_)).status, 200);
}

TEST_F(SimulatorTest, Injected429UsesArmThrottlingBodyAndCountRunsOut) {
  const auto added =
      Control("POST", "/_sim/faults",
              R"({"match":"Microsoft.Insights/metrics","status":429,"retryAfter":5,"count":1})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string token = testing::ArmToken(*sim_);
  const auto first = GetMetrics(token);
  EXPECT_EQ(first.status, 429);
  EXPECT_EQ(first.JsonBody()["error"]["code"], "SubscriptionRequestsThrottled");
  EXPECT_EQ(first.headers.Get("Retry-After"), "5");
  EXPECT_EQ(GetMetrics(token).status, 200);
  const auto counts = Control("GET", "/_sim/requests").JsonBody()["counts"];
  EXPECT_EQ(counts["throttled"], 1);
  EXPECT_EQ(counts["faults_injected"], 1);
  EXPECT_EQ(counts["metrics"], 2);
}

TEST_F(SimulatorTest, FaultBodiesFollowTheEndpointShape) {
  Control("POST", "/_sim/faults", R"({"match":"/metrics","status":500})");
  Control("POST", "/_sim/faults", R"({"match":"/metadata/identity","status":503})");
  Control("POST", "/_sim/faults", R"({"match":"oauth2/v2.0","status":429})");
  const auto arm = GetMetrics(testing::ArmToken(*sim_));
  EXPECT_EQ(arm.status, 500);
  EXPECT_EQ(arm.JsonBody()["error"]["code"], "InternalServerError");
  EXPECT_FALSE(arm.headers.Has("Retry-After"));
  FieldList metadata;
  metadata.Add("Metadata", "true");
  const auto imds = sim_->Handle(SimRequest::Make(
      "GET", "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://x/",
      metadata));
  EXPECT_EQ(imds.status, 503);
  EXPECT_TRUE(imds.JsonBody().contains("error_description"));
  const auto entra = sim_->Handle(SimRequest::Make("POST", "/t/oauth2/v2.0/token"));
  EXPECT_EQ(entra.status, 429);
  EXPECT_EQ(entra.JsonBody()["error"], "temporarily_unavailable");
  EXPECT_EQ(entra.headers.Get("Retry-After"), "1");

  EXPECT_EQ(Control("DELETE", "/_sim/faults").status, 200);
  EXPECT_EQ(GetMetrics(testing::ArmToken(*sim_)).status, 200);
}

TEST_F(SimulatorTest, DelayOnlyFaultAnswersNormallyLater) {
  Control("POST", "/_sim/faults", R"({"match":"ActiveMessages","delayMs":250})");
  const auto response = GetMetrics(testing::ArmToken(*sim_));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.delay, std::chrono::milliseconds(250));
}

TEST_F(SimulatorTest, RejectsMalformedFaults) {
  for (const char* body : {"not json", "[]", R"({"status":500})", R"({"match":"x"})",
                           R"({"match":"x","status":"500"})", R"({"match":"x","status":42})",
                           R"({"match":"x","status":500,"count":0})"}) {
    EXPECT_EQ(Control("POST", "/_sim/faults", body).status, 400) << body;
  }
}

TEST_F(SimulatorTest, RequestLogNeverRecordsSecrets) {
  FieldList form_headers;
  form_headers.Add("Content-Type", "application/x-www-form-urlencoded");
  sim_->Handle(SimRequest::Make("POST", "/t/oauth2/v2.0/token?client_secret=leak", form_headers,
                                "client_id=sim-client-id&client_secret=hunter2"));
  const std::string token = testing::ArmToken(*sim_);
  GetMetrics(token);
  const auto log = Control("GET", "/_sim/requests");
  EXPECT_EQ(log.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(log.body.find("leak"), std::string::npos);
  EXPECT_EQ(log.body.find(token), std::string::npos);
  const auto json = log.JsonBody();
  EXPECT_EQ(json["total"], 2);
  EXPECT_EQ(json["recent"][0]["line"], "POST /t/oauth2/v2.0/token?client_secret=REDACTED");
  EXPECT_EQ(json["recent"][1]["kind"], "metrics");

  EXPECT_EQ(Control("POST", "/_sim/reset").status, 200);
  EXPECT_EQ(Control("GET", "/_sim/requests").JsonBody()["total"], 0);
}

TEST_F(SimulatorTest, ControlTokenEndpointMintsArmTokens) {
  const auto minted = Control("GET", "/_sim/token?lifetime=60").JsonBody();
  const std::string token = minted["access_token"];
  EXPECT_EQ(GetMetrics(token).status, 200);
  *now_ += std::chrono::seconds(60);
  ExpectUnauthorized(GetMetrics(token), "ExpiredAuthenticationToken");
}

TEST_F(SimulatorTest, UnknownPathsAre404) {
  EXPECT_EQ(sim_->Handle(SimRequest::Make("GET", "/nowhere")).status, 404);
  const auto arm = sim_->Handle(testing::Get(
      "/subscriptions/s/resourcegroups?api-version=2021-04-01", testing::ArmToken(*sim_)));
  EXPECT_EQ(arm.status, 404);
  EXPECT_EQ(arm.JsonBody()["error"]["code"], "NotFound");
  EXPECT_EQ(Control("GET", "/_sim/bogus").status, 404);
}

}  // namespace
}  // namespace mensor::sim

#include "mensor/agent/auth_metrics.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::CapturingWriter;
using TimePoint = std::chrono::system_clock::time_point;

constexpr char kArm[] = "https://management.azure.com/.default";

TEST(AuthMetricsTest, CountsOutcomesPerModeAndWritesExpiryAfterSuccess) {
  CapturingWriter writer;
  const auto expires = std::chrono::system_clock::now() + std::chrono::hours(1);
  AuthMetrics metrics(writer, "ServicePrincipal", "app-1", [&] {
    return std::map<std::string, TimePoint>{{kArm, expires}};
  });
  metrics.RecordFetch(true);
  metrics.RecordFetch(false);
  const size_t writes_after_failure = writer.CountScope(AuthMetrics::kExpiryScope);
  metrics.RecordFetch(true);

  const auto writes = writer.Writes();
  const auto& counts = writes[writes.size() - 2];
  ASSERT_EQ(counts.scope, "mensor/self/auth/acquisitions");
  ASSERT_EQ(counts.samples.size(), 2u);
  EXPECT_EQ(counts.samples[0].name, "promitor_auth_token_acquisitions_total");
  EXPECT_TRUE(counts.samples[0].counter);
  EXPECT_EQ(
      counts.samples[0].labels,
      (LabelList{{"auth_mode", "ServicePrincipal"}, {"app_id", "app-1"}, {"outcome", "success"}}));
  EXPECT_DOUBLE_EQ(counts.samples[0].value, 2);
  EXPECT_EQ(counts.samples[1].labels.back().second, "failure");
  EXPECT_DOUBLE_EQ(counts.samples[1].value, 1);
  EXPECT_EQ(writes_after_failure, 1u) << "a failure does not rewrite the expiry gauge";
  EXPECT_EQ(writer.CountScope(AuthMetrics::kExpiryScope), 2u);

  const auto expiry = writer.Latest("promitor_auth_token_expiry_seconds");
  ASSERT_TRUE(expiry.has_value());
  EXPECT_GT(expiry->value, 3500);
  EXPECT_LE(expiry->value, 3600);
  EXPECT_EQ(expiry->labels.back(), (std::pair<std::string, std::string>{"scope", kArm}));
}

TEST(AuthMetricsTest, ExpiryCountsDownAndGoesNegativeOnceExpired) {
  CapturingWriter writer;
  const TimePoint base{std::chrono::seconds(1'700'000'000)};
  AuthMetrics metrics(writer, "WorkloadIdentity", "wi", [&] {
    return std::map<std::string, TimePoint>{{"s", base + std::chrono::seconds(90)}};
  });
  const auto at = [&](int seconds) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               (base + std::chrono::seconds(seconds)).time_since_epoch())
        .count();
  };
  EXPECT_DOUBLE_EQ(metrics.ExpirySamples(at(30)).at(0).value, 60);
  EXPECT_DOUBLE_EQ(metrics.ExpirySamples(at(100)).at(0).value, -10);
}

}  // namespace
}  // namespace mensor::agent

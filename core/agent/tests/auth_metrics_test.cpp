#include "mensor/agent/auth_metrics.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::CapturingWriter;

TEST(AuthMetricsTest, CountsOutcomesPerModeAndReportsSecondsUntilExpiry) {
  CapturingWriter writer;
  AuthMetrics metrics(writer, "ServicePrincipal", "app-1");
  const auto now = std::chrono::system_clock::now();
  metrics.RecordFetch("https://management.azure.com/.default", true, now + std::chrono::hours(1));
  metrics.RecordFetch("https://management.azure.com/.default", false, now);
  metrics.RecordFetch("https://management.azure.com/.default", true, now + std::chrono::hours(1));

  const auto writes = writer.Writes();
  const auto& counts = writes.back().scope == "mensor/self/auth/acquisitions"
                           ? writes.back()
                           : writes[writes.size() - 2];
  ASSERT_EQ(counts.samples.size(), 2u);
  EXPECT_EQ(counts.samples[0].name, "promitor_auth_token_acquisitions_total");
  EXPECT_TRUE(counts.samples[0].counter);
  EXPECT_EQ(
      counts.samples[0].labels,
      (LabelList{{"auth_mode", "ServicePrincipal"}, {"app_id", "app-1"}, {"outcome", "success"}}));
  EXPECT_DOUBLE_EQ(counts.samples[0].value, 2);
  EXPECT_EQ(counts.samples[1].labels.back().second, "failure");
  EXPECT_DOUBLE_EQ(counts.samples[1].value, 1);

  const auto expiry = writer.Latest("promitor_auth_token_expiry_seconds");
  ASSERT_TRUE(expiry.has_value());
  EXPECT_GT(expiry->value, 3500);
  EXPECT_LE(expiry->value, 3600);
  EXPECT_EQ(expiry->labels.back(), (std::pair<std::string, std::string>{
                                       "scope", "https://management.azure.com/.default"}));
}

TEST(AuthMetricsTest, PeriodicReportCountsDownAndGoesNegativeOnceExpired) {
  CapturingWriter writer;
  AuthMetrics metrics(writer, "WorkloadIdentity", "wi");
  const auto now = std::chrono::system_clock::now();
  metrics.ReportExpiries({{"s", now + std::chrono::seconds(90)}}, now + std::chrono::seconds(30));
  EXPECT_DOUBLE_EQ(writer.Value("promitor_auth_token_expiry_seconds"), 60);
  metrics.ReportExpiries({{"s", now + std::chrono::seconds(90)}}, now + std::chrono::seconds(100));
  EXPECT_DOUBLE_EQ(writer.Value("promitor_auth_token_expiry_seconds"), -10);
}

}  // namespace
}  // namespace mensor::agent

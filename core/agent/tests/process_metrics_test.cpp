#include "mensor/agent/process_metrics.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

namespace mensor::agent {
namespace {

// A real /proc/<pid>/stat line (proc(5)) of a process whose name holds a space and ')'.
constexpr std::string_view kStat =
    "4242 (mensor (x) y) S 1 4242 4242 0 -1 4194560 1200 0 0 0 250 150 0 0 20 0 7 0 "
    "10000 123456789 5000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";

TEST(ProcessMetricsTest, ParsesProcStatAfterTheCommandName) {
  const auto stats = ParseProcStat(kStat, 1'700'000'000.0, 100, 4096);
  ASSERT_TRUE(stats);
  EXPECT_DOUBLE_EQ(stats->cpu_seconds, 4.0);  // (250 + 150) ticks at 100 Hz
  EXPECT_DOUBLE_EQ(stats->threads, 7);
  EXPECT_DOUBLE_EQ(stats->start_time_seconds, 1'700'000'100.0);  // boot + 10000 ticks
  EXPECT_DOUBLE_EQ(stats->virtual_bytes, 123456789);
  EXPECT_DOUBLE_EQ(stats->resident_bytes, 5000.0 * 4096);
}

TEST(ProcessMetricsTest, RejectsMalformedText) {
  EXPECT_FALSE(ParseProcStat("no parenthesis here", 0, 100, 4096));
  EXPECT_FALSE(ParseProcStat("1 (short) S 1 2", 0, 100, 4096));
  EXPECT_FALSE(ParseProcStat(kStat, 0, 0, 4096));
}

TEST(ProcessMetricsTest, ReadsTheRunningProcess) {
  const auto stats = ReadProcessStats();
  ASSERT_TRUE(stats);
  EXPECT_GT(stats->resident_bytes, 0);
  EXPECT_GE(stats->threads, 1);
  EXPECT_GE(stats->open_fds, 3);  // stdin, stdout, stderr at least
  EXPECT_GT(stats->max_fds, 0);
  EXPECT_GT(stats->start_time_seconds, 1'600'000'000.0);
}

TEST(ProcessMetricsTest, SamplesUsePromitorsRuntimePrefixAndMarkTheCounter) {
  ProcessStats stats;
  stats.cpu_seconds = 1.5;
  stats.resident_bytes = 1024;
  const auto samples = ProcessSamples(stats, 42);
  ASSERT_EQ(samples.size(), 7u);
  for (const auto& sample : samples) {
    EXPECT_EQ(sample.name.rfind("promitor_runtime_process_", 0), 0u) << sample.name;
    EXPECT_TRUE(sample.has_value);
    EXPECT_EQ(sample.timestamp_unix_ns, 42);
    EXPECT_EQ(sample.counter, sample.name.size() > 6 &&
                                  sample.name.compare(sample.name.size() - 6, 6, "_total") == 0)
        << sample.name;
  }
  auto cpu = std::find_if(samples.begin(), samples.end(), [](const auto& s) {
    return s.name == "promitor_runtime_process_cpu_seconds_total";
  });
  ASSERT_NE(cpu, samples.end());
  EXPECT_DOUBLE_EQ(cpu->value, 1.5);
}

}  // namespace
}  // namespace mensor::agent

#include "mensor/agent/process_metrics.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mensor::agent {
namespace {

// Field numbers of /proc/<pid>/stat (proc(5)), counting from 1 = pid.
constexpr int kUtime = 14, kStime = 15, kNumThreads = 20, kStartTime = 22, kVsize = 23, kRss = 24;

double BootTimeSeconds() {
  std::ifstream stat("/proc/stat");
  std::string key;
  double value = 0;
  while (stat >> key) {
    if (key == "btime" && stat >> value) return value;
    stat.ignore(1 << 16, '\n');
  }
  return 0;
}

double CountOpenFds() {
  std::error_code error;
  double count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end;
       it.increment(error)) {
    ++count;
  }
  return count;
}

}  // namespace

std::optional<ProcessStats> ParseProcStat(std::string_view stat, double boot_time_seconds,
                                          long ticks_per_second, long page_size) {
  // The command name may contain spaces and parentheses: fields start after the last ')'.
  const size_t close = stat.rfind(')');
  if (close == std::string_view::npos || ticks_per_second <= 0) return std::nullopt;
  std::istringstream fields{std::string(stat.substr(close + 1))};
  std::vector<std::string> values;
  for (std::string field; fields >> field;) values.push_back(field);
  // values[0] is field 3 (state).
  auto field = [&](int number) { return std::stod(values.at(static_cast<size_t>(number - 3))); };
  try {
    ProcessStats stats;
    stats.cpu_seconds = (field(kUtime) + field(kStime)) / static_cast<double>(ticks_per_second);
    stats.threads = field(kNumThreads);
    stats.start_time_seconds =
        boot_time_seconds + field(kStartTime) / static_cast<double>(ticks_per_second);
    stats.virtual_bytes = field(kVsize);
    stats.resident_bytes = field(kRss) * static_cast<double>(page_size);
    return stats;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<ProcessStats> ReadProcessStats() {
  std::ifstream file("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  auto stats = ParseProcStat(text, BootTimeSeconds(), sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE));
  if (!stats) return std::nullopt;
  stats->open_fds = CountOpenFds();
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) stats->max_fds = static_cast<double>(limit.rlim_cur);
  return stats;
}

std::vector<MeasuredSample> ProcessSamples(const ProcessStats& stats, int64_t now_unix_ns) {
  auto sample = [&](const char* name, const char* help, double value, bool counter = false) {
    MeasuredSample out{name, help, true, value, now_unix_ns, {}};
    out.counter = counter;
    return out;
  };
  return {
      sample("promitor_runtime_process_cpu_seconds_total",
             "Total user and system CPU time spent in seconds", stats.cpu_seconds, true),
      sample("promitor_runtime_process_resident_memory_bytes", "Resident memory size in bytes",
             stats.resident_bytes),
      sample("promitor_runtime_process_virtual_memory_bytes", "Virtual memory size in bytes",
             stats.virtual_bytes),
      sample("promitor_runtime_process_open_fds", "Number of open file descriptors",
             stats.open_fds),
      sample("promitor_runtime_process_max_fds", "Maximum number of open file descriptors",
             stats.max_fds),
      sample("promitor_runtime_process_num_threads", "Number of OS threads in the process",
             stats.threads),
      sample("promitor_runtime_process_start_time_seconds",
             "Start time of the process since the Unix epoch in seconds", stats.start_time_seconds),
  };
}

}  // namespace mensor::agent

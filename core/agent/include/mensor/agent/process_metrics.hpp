#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "mensor/agent/scrape_target.hpp"

namespace mensor::agent {

/// The agent's own process figures, as a Prometheus process collector reports them.
struct ProcessStats {
  double cpu_seconds = 0;
  double resident_bytes = 0;
  double virtual_bytes = 0;
  double open_fds = 0;
  double max_fds = 0;
  double threads = 0;
  double start_time_seconds = 0;  // Unix time
};

/// Parses /proc/<pid>/stat's text (the fields after the command name) plus what the caller read
/// elsewhere; nullopt if the text is malformed. Split out so tests can feed fixed text.
std::optional<ProcessStats> ParseProcStat(std::string_view stat, double boot_time_seconds,
                                          long ticks_per_second, long page_size);

/// Reads the running process's figures from /proc; nullopt where /proc is unavailable.
std::optional<ProcessStats> ReadProcessStats();

/// Samples under Promitor's prefix (promitor_runtime_process_*), so dashboards built on its
/// runtime metrics keep working.
std::vector<MeasuredSample> ProcessSamples(const ProcessStats& stats, int64_t now_unix_ns);

}  // namespace mensor::agent

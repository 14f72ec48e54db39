#include "mensor/agent/sink_set.hpp"

namespace mensor::agent {

std::vector<MeasuredSample> SinkStatsSamples(
    const std::vector<std::pair<std::string, SinkStats>>& stats, int64_t now_unix_ns) {
  std::vector<MeasuredSample> samples;
  samples.reserve(stats.size() * 8);
  for (const auto& [name, s] : stats) {
    const LabelList labels = {{"sink", name}};
    auto add = [&](const char* metric, const char* help, double value, bool counter) {
      samples.push_back(MeasuredSample{metric, help, true, value, now_unix_ns, labels, counter});
    };
    add("mensor_sink_samples_written_total", "Samples the sink accepted",
        static_cast<double>(s.samples_written), true);
    add("mensor_sink_samples_failed_total",
        "Samples given up after a permanent error or at the shutdown deadline",
        static_cast<double>(s.samples_failed), true);
    add("mensor_sink_samples_dropped_total",
        "Samples dropped, oldest first, because the sink's queue was full",
        static_cast<double>(s.samples_dropped), true);
    add("mensor_sink_write_retries_total", "Failed writes that were retried with back-off",
        static_cast<double>(s.retries), true);
    add("mensor_sink_queue_depth", "Samples waiting in the sink's queue",
        static_cast<double>(s.queue_depth), false);
    add("mensor_sink_writes_total", "Successful write calls", static_cast<double>(s.writes), true);
    add("mensor_sink_write_seconds_total", "Time spent in successful write calls", s.write_seconds,
        true);
    add("mensor_sink_last_write_duration_seconds", "Duration of the last successful write call",
        s.last_write_seconds, false);
  }
  return samples;
}

}  // namespace mensor::agent

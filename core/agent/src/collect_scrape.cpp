#include "mensor/agent/collect_scrape.hpp"

#include <spdlog/spdlog.h>

#include "mensor/agent/series_builder.hpp"
#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/detail/results.hpp"

namespace mensor::agent {
namespace {

mensor_str View(const std::string& text) { return {text.data(), text.size()}; }

int64_t UnixNs(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

int64_t MonoNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool RunCollect(const ScrapeTarget& target, const CollectEnvironment& environment,
                SampleWriter& sinks, SelfMetrics& self, std::chrono::system_clock::time_point now,
                bool log_failures) {
  std::vector<mensor_label> properties;
  properties.reserve(target.properties.size());
  for (const auto& [name, value] : target.properties) {
    properties.push_back(mensor_label{View(name), View(value)});
  }
  mensor_collect_request request{};
  request.struct_size = sizeof(request);
  request.metric_name = View(target.metric_name);
  request.azure_metric_name = View(target.azure_metric_name);
  request.query = View(target.query);
  request.interval_ns = std::chrono::nanoseconds(target.interval).count();
  request.properties = properties.empty() ? nullptr : properties.data();
  request.property_count = properties.size();
  request.storage_suffix = View(environment.storage_suffix);
  request.log_analytics_endpoint = View(environment.log_analytics_endpoint);

  mensor_call call;
  call.deadline_mono_ns =
      MonoNs() + std::chrono::duration_cast<std::chrono::nanoseconds>(environment.timeout).count();
  call.cancel_source = environment.cancelled;
  mensor_collect_out out;
  const mensor_status status = target.collect(&request, &call, &out);
  if (status != MENSOR_OK) {
    if (log_failures) {
      spdlog::error(
          "scraping {} ({}) for {} failed: {}; keeping its last values, next try at the next "
          "scheduled run",
          target.metric_name, target.resource_type, target.resource_uri(),
          call.error_message.empty() ? "the plugin reported an error" : call.error_message);
    }
    self.RecordScrape(target, false, UnixNs(now));
    return false;
  }

  std::vector<std::string> warnings;
  std::vector<MeasuredSample> samples;
  const int64_t now_ns = UnixNs(now);
  for (auto& value : out.values) {
    std::optional<double> measured;
    if (value.has_value) measured = value.value;
    samples.push_back(
        MakeSeriesSample(target, std::move(value.labels), measured, now_ns, warnings));
  }
  for (const auto& warning : warnings) {
    spdlog::warn("{} for {}: {}", target.metric_name, target.resource_uri(), warning);
  }
  sinks.Write(SinkScope(target), samples);
  self.RecordScrape(target, true, now_ns);
  return true;
}

}  // namespace mensor::agent

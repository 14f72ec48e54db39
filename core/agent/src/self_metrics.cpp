#include "mensor/agent/self_metrics.hpp"

#include <algorithm>
#include <vector>

namespace mensor::agent {

SelfMetrics::SelfMetrics(SampleWriter& writer, std::string tenant_id, std::string app_id)
    : writer_(writer), tenant_id_(std::move(tenant_id)), app_id_(std::move(app_id)) {}

void SelfMetrics::RecordScrape(const ScrapeTarget& target, bool success, int64_t now_unix_ns) {
  // Written for every target of every cycle (2 of every 3 samples of a large cycle): the labels
  // are built once, copied for the first sample and moved into the second.
  LabelList labels = {{"metric_name", target.metric_name},
                      {"resource_group", target.labels.resource_group},
                      {"resource_name", target.labels.instance_name},
                      {"resource_type", target.resource_type},
                      {"subscription_id", target.labels.subscription_id},
                      {"tenant_id", tenant_id_}};
  std::vector<MeasuredSample> samples;
  samples.reserve(2);
  samples.push_back({"promitor_scrape_success",
                     "1 when the last scrape of the metric for the resource succeeded, else 0",
                     true, success ? 1.0 : 0.0, now_unix_ns, labels});
  samples.push_back({"promitor_scrape_error",
                     "1 when the last scrape of the metric for the resource failed, else 0", true,
                     success ? 0.0 : 1.0, now_unix_ns, std::move(labels)});
  std::string scope = "mensor/self/scrape/";
  scope += target.metric_name;
  scope += '/';
  scope += target.resource_uri();
  writer_.Write(scope, std::move(samples));
}

void SelfMetrics::RecordArmResponse(const std::string& subscription_id, int64_t remaining,
                                    bool throttled, int64_t now_unix_ns) {
  constexpr int64_t kOneMillisecondNs = 1000000;
  const LabelList labels = {
      {"tenant_id", tenant_id_}, {"subscription_id", subscription_id}, {"app_id", app_id_}};
  std::lock_guard lock(mutex_);
  ArmState& state = arm_[subscription_id];
  if (remaining >= 0) {
    state.remaining = remaining;
  } else {
    remaining = state.remaining;
  }
  // Remote-write receivers keep milliseconds: two answers within one must not share a stamp.
  const int64_t stamp = std::max(now_unix_ns, state.last_unix_ns + kOneMillisecondNs);
  state.last_unix_ns = stamp;
  std::vector<MeasuredSample> samples;
  if (remaining >= 0) {
    samples.push_back({"promitor_ratelimit_arm",
                       "Remaining Azure Resource Manager reads for the subscription", true,
                       static_cast<double>(remaining), stamp, labels});
  }
  samples.push_back({"promitor_ratelimit_arm_throttled",
                     "1 when the last Azure Resource Manager response was throttled (429)", true,
                     throttled ? 1.0 : 0.0, stamp, labels});
  writer_.Write("mensor/self/arm/" + subscription_id, std::move(samples));
}

}  // namespace mensor::agent

#include "mensor/agent/self_metrics.hpp"

#include <vector>

namespace mensor::agent {

SelfMetrics::SelfMetrics(SampleWriter& writer, std::string tenant_id, std::string app_id)
    : writer_(writer), tenant_id_(std::move(tenant_id)), app_id_(std::move(app_id)) {}

void SelfMetrics::RecordScrape(const ScrapeTarget& target, bool success, int64_t now_unix_ns) {
  const LabelList labels = {{"metric_name", target.metric_name},
                            {"resource_group", target.labels.resource_group},
                            {"resource_name", target.labels.instance_name},
                            {"resource_type", target.resource_type},
                            {"subscription_id", target.labels.subscription_id},
                            {"tenant_id", tenant_id_}};
  auto sample = [&](const char* name, const char* help, bool value) {
    return MeasuredSample{name, help, true, value ? 1.0 : 0.0, now_unix_ns, labels};
  };
  std::vector<MeasuredSample> samples = {
      sample("promitor_scrape_success",
             "1 when the last scrape of the metric for the resource succeeded, else 0", success),
      sample("promitor_scrape_error",
             "1 when the last scrape of the metric for the resource failed, else 0", !success)};
  writer_.Write("mensor/self/scrape/" + target.metric_name + "/" + target.resource_uri(), samples);
}

void SelfMetrics::RecordArmResponse(const std::string& subscription_id, int64_t remaining,
                                    bool throttled, int64_t now_unix_ns) {
  const LabelList labels = {
      {"tenant_id", tenant_id_}, {"subscription_id", subscription_id}, {"app_id", app_id_}};
  {
    std::lock_guard lock(mutex_);
    if (remaining >= 0) {
      remaining_[subscription_id] = remaining;
    } else if (auto known = remaining_.find(subscription_id); known != remaining_.end()) {
      remaining = known->second;
    }
  }
  std::vector<MeasuredSample> samples;
  if (remaining >= 0) {
    samples.push_back({"promitor_ratelimit_arm",
                       "Remaining Azure Resource Manager reads for the subscription", true,
                       static_cast<double>(remaining), now_unix_ns, labels});
  }
  samples.push_back({"promitor_ratelimit_arm_throttled",
                     "1 when the last Azure Resource Manager response was throttled (429)", true,
                     throttled ? 1.0 : 0.0, now_unix_ns, labels});
  writer_.Write("mensor/self/arm/" + subscription_id, samples);
}

}  // namespace mensor::agent

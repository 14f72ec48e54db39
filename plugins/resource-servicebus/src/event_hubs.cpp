#include "event_hubs.hpp"

#include <mensor/resources/fields.hpp>

#include "messaging_rules.hpp"

namespace mensor::plugins::servicebus {
namespace {
constexpr const char* kNamespaceKey = "namespace";
constexpr const char* kTopicKey = "topicName";
}  // namespace

const sdk::Schema& EventHubs::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kNamespaceKey).Required().Describe("Name of the Event Hubs namespace"),
      sdk::Key::String(kTopicKey).Describe("Event hub to scrape; all event hubs when absent"),
  };
  return schema;
}

void EventHubs::Validate(const sdk::Config& config, const sdk::MetricInfo& metric,
                         sdk::Call& call) {
  resources::RequireNonEmpty(config, call, kNamespaceKey, "Event Hubs namespace");
  ValidateEntityRules(metric, {{kTopicKey, resources::NonEmpty(config, kTopicKey)}}, call);
}

void EventHubs::Describe(const sdk::Config& config, const sdk::MetricInfo&, sdk::Target& target) {
  const std::string ns = config.RequireString(kNamespaceKey);
  target.SetProviderPath("Microsoft.EventHub/namespaces/" + ns);
  target.SetInstanceName(ns);
  DescribeEntity(resources::NonEmpty(config, kTopicKey), target);
}

}  // namespace mensor::plugins::servicebus

#include "servicebus_namespace.hpp"

#include <mensor/resources/fields.hpp>

#include "messaging_rules.hpp"

#include <optional>
#include <string>

namespace mensor::plugins::servicebus {
namespace {

constexpr const char* kNamespaceKey = "namespace";
constexpr const char* kQueueKey = "queueName";
constexpr const char* kTopicKey = "topicName";
}  // namespace

const sdk::Schema& ServiceBusNamespace::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kNamespaceKey).Required().Describe("Name of the Service Bus namespace"),
      sdk::Key::String(kQueueKey).Describe("Queue to scrape; mutually exclusive with topicName"),
      sdk::Key::String(kTopicKey).Describe("Topic to scrape; mutually exclusive with queueName"),
  };
  return schema;
}

std::string ServiceBusNamespace::QuoteODataString(std::string_view value) {
  return resources::QuoteOData(value);
}

void ServiceBusNamespace::Validate(const sdk::Config& config, const sdk::MetricInfo& metric,
                                   sdk::Call& call) {
  resources::RequireNonEmpty(config, call, kNamespaceKey, "Service Bus namespace");
  std::optional<std::string> queue = resources::NonEmpty(config, kQueueKey);
  std::optional<std::string> topic = resources::NonEmpty(config, kTopicKey);
  if (queue && topic) {
    call.ReportError(kTopicKey, "'queueName' ('" + *queue + "') and 'topicName' ('" + *topic +
                                    "') are both set; configure only one of them");
  }
  ValidateEntityRules(metric, {{kQueueKey, queue}, {kTopicKey, topic}}, call);
}

void ServiceBusNamespace::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                                   sdk::Target& target) {
  std::string ns = config.RequireString(kNamespaceKey);
  target.SetProviderPath("Microsoft.ServiceBus/namespaces/" + ns);
  target.SetInstanceName(ns);
  std::optional<std::string> entity = resources::NonEmpty(config, kQueueKey);
  if (!entity) entity = resources::NonEmpty(config, kTopicKey);
  DescribeEntity(entity, target);
}

}  // namespace mensor::plugins::servicebus

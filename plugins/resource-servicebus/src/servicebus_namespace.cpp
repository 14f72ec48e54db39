#include "servicebus_namespace.hpp"

#include <optional>
#include <string>

namespace mensor::plugins::servicebus {
namespace {

constexpr const char* kNamespaceKey = "namespace";
constexpr const char* kQueueKey = "queueName";
constexpr const char* kTopicKey = "topicName";
// The Azure Monitor dimension that identifies queues and topics.
constexpr std::string_view kEntityDimension = "EntityName";

// Empty strings count as "not configured", as in Promitor.
std::optional<std::string> NonEmpty(const sdk::Config& config, const char* key) {
  std::optional<std::string> value = config.GetString(key);
  if (value && value->empty()) return std::nullopt;
  return value;
}

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
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

void ServiceBusNamespace::Validate(const sdk::Config& config, const sdk::MetricInfo& metric,
                                   sdk::Call& call) {
  std::optional<std::string> ns = config.GetString(kNamespaceKey);
  if (!ns || ns->empty()) {
    call.ReportError(kNamespaceKey, "'namespace' must name the Service Bus namespace");
  }
  std::optional<std::string> queue = NonEmpty(config, kQueueKey);
  std::optional<std::string> topic = NonEmpty(config, kTopicKey);
  if (queue && topic) {
    call.ReportError(kTopicKey, "'queueName' ('" + *queue + "') and 'topicName' ('" + *topic +
                                    "') are both set; configure only one of them");
  }
  if (metric.dimensions.size() > 1) {
    std::string names;
    for (std::string_view d : metric.dimensions) {
      names += names.empty() ? "" : ", ";
      names += d;
    }
    call.ReportError(nullptr, "metric '" + std::string(metric.name) + "' configures " +
                                  std::to_string(metric.dimensions.size()) + " dimensions (" +
                                  names + "); Service Bus metrics support at most one dimension");
  }
  bool has_entity_dimension = false;
  for (std::string_view d : metric.dimensions) has_entity_dimension |= d == kEntityDimension;
  if (has_entity_dimension) {
    if (queue) {
      call.ReportError(kQueueKey, "'queueName' ('" + *queue +
                                      "') cannot be combined with the 'EntityName' dimension; "
                                      "use one or the other");
    }
    if (topic) {
      call.ReportError(kTopicKey, "'topicName' ('" + *topic +
                                      "') cannot be combined with the 'EntityName' dimension; "
                                      "use one or the other");
    }
  }
}

void ServiceBusNamespace::Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                                   sdk::Target& target) {
  std::string ns = config.RequireString(kNamespaceKey);
  target.SetProviderPath("Microsoft.ServiceBus/namespaces/" + ns);
  target.SetInstanceName(ns);
  std::optional<std::string> entity = NonEmpty(config, kQueueKey);
  if (!entity) entity = NonEmpty(config, kTopicKey);
  if (entity) {
    target.SetFilter(std::string(kEntityDimension) + " eq " + QuoteODataString(*entity));
    target.AddLabel("entity_name", *entity);
    (void)metric;  // the configured dimensions stay as they are
  } else {
    // One series per entity: the host replaces the configured dimensions on the first add.
    target.SetFilter(std::string(kEntityDimension) + " eq '*'");
    target.AddDimension(kEntityDimension);
  }
  // Promitor renames the first dimension of every series to entity_name.
  target.SetFirstDimensionLabel("entity_name");
}

}  // namespace mensor::plugins::servicebus

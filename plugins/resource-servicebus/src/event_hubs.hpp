// EventHubs: an Event Hubs namespace, optionally narrowed to one event hub.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::plugins::servicebus {

/// \brief Resource type `EventHubs` (promitor-compat.md §3.1/§3.3): the entity is `topicName`
/// (Promitor's name for the event hub), with the same entity rules as Service Bus.
/// Stateless; Validate and Describe may run concurrently on any thread.
class EventHubs final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"EventHubs", "Microsoft.EventHub/namespaces",
                                       "Azure Event Hubs namespace or event hub"};

  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

}  // namespace mensor::plugins::servicebus

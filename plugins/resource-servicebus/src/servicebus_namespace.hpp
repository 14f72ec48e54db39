// ServiceBusNamespace: Azure Service Bus namespaces, optionally narrowed to a queue or topic.
#pragma once

#include <mensor/sdk.hpp>

#include <string>
#include <string_view>

namespace mensor::plugins::servicebus {

/// \brief Resource type `ServiceBusNamespace` (Promitor-compatible, promitor-compat.md §3.1/§3.3).
/// Stateless; Validate and Describe may run concurrently on any thread.
class ServiceBusNamespace final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"ServiceBusNamespace", "Microsoft.ServiceBus/namespaces",
                                       "Azure Service Bus namespace, queue or topic"};

  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);

  /// OData string literal: wraps in quotes, doubling embedded ones.
  static std::string QuoteODataString(std::string_view value);
};

}  // namespace mensor::plugins::servicebus

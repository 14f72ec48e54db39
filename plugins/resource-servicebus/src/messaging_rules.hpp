// The entity rules Promitor applies to Service Bus and Event Hubs namespaces (§3.3).
#pragma once

#include <mensor/sdk.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mensor::plugins::servicebus {

/// A configured entity field: its YAML key and value (nullopt when absent or empty).
using EntityField = std::pair<const char*, std::optional<std::string>>;

/// Reports the dimension rules: at most one configured dimension, and the `EntityName` dimension
/// never together with a configured entity.
void ValidateEntityRules(const sdk::MetricInfo& metric, const std::vector<EntityField>& entities,
                         sdk::Call& call);

/// With an entity: filter `EntityName eq '{entity}'` and label `entity_name`. Without: filter
/// `EntityName eq '*'` and `EntityName` replaces the configured dimensions (one series per
/// entity). Either way the first dimension of every series is reported as `entity_name`.
void DescribeEntity(const std::optional<std::string>& entity, sdk::Target& target);

}  // namespace mensor::plugins::servicebus

#include "messaging_rules.hpp"

#include <mensor/resources/fields.hpp>

namespace mensor::plugins::servicebus {
namespace {
// The Azure Monitor dimension that identifies queues, topics and event hubs.
constexpr std::string_view kEntityDimension = "EntityName";
}  // namespace

void ValidateEntityRules(const sdk::MetricInfo& metric, const std::vector<EntityField>& entities,
                         sdk::Call& call) {
  if (metric.dimensions.size() > 1) {
    std::string names;
    for (std::string_view d : metric.dimensions) {
      names += names.empty() ? "" : ", ";
      names += d;
    }
    call.ReportError(nullptr, "metric '" + std::string(metric.name) + "' configures " +
                                  std::to_string(metric.dimensions.size()) + " dimensions (" +
                                  names + "); these metrics support at most one dimension");
  }
  bool has_entity_dimension = false;
  for (std::string_view d : metric.dimensions) has_entity_dimension |= d == kEntityDimension;
  if (!has_entity_dimension) return;
  for (const auto& [key, value] : entities) {
    if (!value) continue;
    call.ReportError(key, "'" + std::string(key) + "' ('" + *value +
                              "') cannot be combined with the 'EntityName' dimension; use one "
                              "or the other");
  }
}

void DescribeEntity(const std::optional<std::string>& entity, sdk::Target& target) {
  if (entity) {
    target.SetFilter(resources::EqualsFilter(kEntityDimension, *entity));
    target.AddLabel("entity_name", *entity);
  } else {
    // One series per entity: the host replaces the configured dimensions on the first add.
    target.SetFilter(resources::EqualsFilter(kEntityDimension, "*"));
    target.AddDimension(kEntityDimension);
  }
  // Promitor renames the first dimension of every series to entity_name.
  target.SetFirstDimensionLabel("entity_name");
}

}  // namespace mensor::plugins::servicebus

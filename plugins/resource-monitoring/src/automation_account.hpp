// AutomationAccount: an Automation account, optionally narrowed to one runbook.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief Resource type `AutomationAccount` (promitor-compat.md §3.1): `runbookName` becomes the
/// filter `Runbook eq '{rb}'` and the label `runbook_name`, and is only allowed with the metric
/// `TotalJob` (the only one with that dimension). Stateless (T3).
class AutomationAccount final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"AutomationAccount",
                                       "Microsoft.Automation/automationAccounts",
                                       "Azure Automation account, optionally one runbook"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

}  // namespace mensor::resources

#include "automation_account.hpp"

#include <mensor/resources/fields.hpp>

namespace mensor::resources {
namespace {
constexpr const char* kAccountKey = "accountName";
constexpr const char* kRunbookKey = "runbookName";
constexpr const char* kRunbookMetric = "TotalJob";
}  // namespace

const sdk::Schema& AutomationAccount::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kAccountKey).Required().Describe("Name of the Automation account"),
      sdk::Key::String(kRunbookKey).Describe("Runbook to scrape (metric TotalJob only)"),
  };
  return schema;
}

void AutomationAccount::Validate(const sdk::Config& config, const sdk::MetricInfo& metric,
                                 sdk::Call& call) {
  RequireNonEmpty(config, call, kAccountKey, "Automation account");
  if (auto runbook = NonEmpty(config, kRunbookKey);
      runbook && !EqualsIgnoreCase(metric.azure_metric_name, kRunbookMetric)) {
    call.ReportError(kRunbookKey,
                     "Using a pre-configured runbook name is not supported when "
                     "using metric " +
                         std::string(metric.azure_metric_name) + "; only " + kRunbookMetric +
                         " can be scoped to a runbook");
  }
}

void AutomationAccount::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                                 sdk::Target& target) {
  const std::string account = config.RequireString(kAccountKey);
  target.SetProviderPath("Microsoft.Automation/automationAccounts/" + account);
  target.SetInstanceName(account);
  if (auto runbook = NonEmpty(config, kRunbookKey)) {
    target.SetFilter(EqualsFilter("Runbook", *runbook));
    target.AddLabel("runbook_name", *runbook);
  }
}

}  // namespace mensor::resources

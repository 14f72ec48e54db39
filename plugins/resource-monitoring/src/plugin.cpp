// Entry points of libmensor-plugin-monitoring.so: Azure Application Insights, autoscale, Automation
// and Log Analytics resource types.
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

#include "automation_account.hpp"
#include "log_analytics.hpp"

namespace mensor::resources {
namespace {

struct ApplicationInsightsSpec {
  static constexpr sdk::TypeInfo kInfo{"ApplicationInsights", "Microsoft.Insights/components",
                                       "Azure Application Insights component"};
  static constexpr const char* kKey = "name";
  static constexpr const char* kWhat = "Application Insights component";
};
struct MonitorAutoscaleSpec {
  static constexpr sdk::TypeInfo kInfo{"MonitorAutoscale", "Microsoft.Insights/autoscalesettings",
                                       "Azure autoscale setting"};
  static constexpr const char* kKey = "autoscaleSettingsName";
  static constexpr const char* kWhat = "autoscale setting";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN("monitoring", "0.2.0",
              "Azure Application Insights, autoscale, Automation and Log Analytics resource types",
              mensor::resources::NamedResource<mensor::resources::ApplicationInsightsSpec>,
              mensor::resources::NamedResource<mensor::resources::MonitorAutoscaleSpec>,
              mensor::resources::AutomationAccount, mensor::resources::LogAnalytics);

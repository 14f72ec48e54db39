// Entry points of libmensor-plugin-web.so: Azure App Service, API Management, Logic Apps, CDN and
// Front Door resource types.
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

#include "api_management.hpp"
#include "app_service_site.hpp"

namespace mensor::resources {
namespace {

struct AppPlanSpec {
  static constexpr sdk::TypeInfo kInfo{"AppPlan", "Microsoft.Web/serverfarms",
                                       "Azure App Service plan"};
  static constexpr const char* kKey = "appPlanName";
  static constexpr const char* kWhat = "App Service plan";
};
struct LogicAppSpec {
  static constexpr sdk::TypeInfo kInfo{"LogicApp", "Microsoft.Logic/workflows",
                                       "Azure Logic App workflow"};
  static constexpr const char* kKey = "workflowName";
  static constexpr const char* kWhat = "Logic App workflow";
};
struct CdnSpec {
  static constexpr sdk::TypeInfo kInfo{"Cdn", "Microsoft.Cdn/profiles", "Azure CDN profile"};
  static constexpr const char* kKey = "cdnName";
  static constexpr const char* kWhat = "CDN profile";
};
struct FrontDoorSpec {
  static constexpr sdk::TypeInfo kInfo{"FrontDoor", "Microsoft.Network/frontdoors",
                                       "Azure Front Door"};
  static constexpr const char* kKey = "name";
  static constexpr const char* kWhat = "Front Door";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN("web", "0.2.0",
              "Azure App Service, API Management, Logic Apps, CDN and Front Door resource types",
              mensor::resources::NamedResource<mensor::resources::AppPlanSpec>,
              mensor::resources::NamedResource<mensor::resources::LogicAppSpec>,
              mensor::resources::NamedResource<mensor::resources::CdnSpec>,
              mensor::resources::NamedResource<mensor::resources::FrontDoorSpec>,
              mensor::resources::ApiManagement, mensor::resources::WebApp,
              mensor::resources::FunctionApp);

// WebApp and FunctionApp: an App Service site, or one of its deployment slots.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief A site of App Service (promitor-compat.md §3.1): the resource ID gets `/slots/{slot}`
/// unless the slot is `production` (compared case-sensitively, as Promitor does) or absent; the
/// label `slot_name` carries the slot, `production` by default. `Spec` provides kInfo, kKey
/// (the app's field) and kWhat. Stateless (T3).
template <class Spec>
class AppServiceSite final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo = Spec::kInfo;
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

struct WebAppSpec {
  static constexpr sdk::TypeInfo kInfo{"WebApp", "Microsoft.Web/sites",
                                       "Azure App Service web app (or one of its slots)"};
  static constexpr const char* kKey = "webAppName";
  static constexpr const char* kWhat = "web app";
};

struct FunctionAppSpec {
  static constexpr sdk::TypeInfo kInfo{"FunctionApp", "Microsoft.Web/sites",
                                       "Azure Functions app (or one of its slots)"};
  static constexpr const char* kKey = "functionAppName";
  static constexpr const char* kWhat = "function app";
};

using WebApp = AppServiceSite<WebAppSpec>;
using FunctionApp = AppServiceSite<FunctionAppSpec>;

}  // namespace mensor::resources

#include "app_service_site.hpp"

#include <mensor/resources/fields.hpp>

namespace mensor::resources {
namespace {
constexpr const char* kSlotKey = "slotName";
constexpr const char* kProductionSlot = "production";
}  // namespace

template <class Spec>
const sdk::Schema& AppServiceSite<Spec>::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(Spec::kKey).Required().Describe(Spec::kWhat),
      sdk::Key::String(kSlotKey).Describe("Deployment slot; 'production' (default) is the site"),
  };
  return schema;
}

template <class Spec>
void AppServiceSite<Spec>::Validate(const sdk::Config& config, const sdk::MetricInfo&,
                                    sdk::Call& call) {
  RequireNonEmpty(config, call, Spec::kKey, Spec::kWhat);
}

template <class Spec>
void AppServiceSite<Spec>::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                                    sdk::Target& target) {
  const std::string app = config.RequireString(Spec::kKey);
  const std::string slot = NonEmpty(config, kSlotKey).value_or(kProductionSlot);
  std::string path = "Microsoft.Web/sites/" + app;
  if (slot != kProductionSlot) path += "/slots/" + slot;
  target.SetProviderPath(path);
  target.SetInstanceName(app);
  target.AddLabel("slot_name", slot);
}

template class AppServiceSite<WebAppSpec>;
template class AppServiceSite<FunctionAppSpec>;

}  // namespace mensor::resources

#include "api_management.hpp"

#include <mensor/resources/fields.hpp>

namespace mensor::resources {
namespace {
constexpr const char* kInstanceKey = "instanceName";
constexpr const char* kLocationKey = "locationName";
}  // namespace

const sdk::Schema& ApiManagement::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kInstanceKey).Required().Describe("Name of the API Management service"),
      sdk::Key::String(kLocationKey).Describe("Region of a multi-region deployment to scrape"),
  };
  return schema;
}

void ApiManagement::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  RequireNonEmpty(config, call, kInstanceKey, "API Management service");
}

void ApiManagement::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                             sdk::Target& target) {
  const std::string name = config.RequireString(kInstanceKey);
  target.SetProviderPath("Microsoft.ApiManagement/service/" + name);
  target.SetInstanceName(name);
  if (auto location = NonEmpty(config, kLocationKey)) {
    target.SetFilter(EqualsFilter("Location", *location));
    target.AddLabel("location", *location);
  }
}

}  // namespace mensor::resources

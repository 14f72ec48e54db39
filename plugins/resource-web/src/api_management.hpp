// ApiManagement: an API Management service, optionally narrowed to one of its locations.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief Resource type `ApiManagement` (promitor-compat.md §3.1): `locationName` becomes the
/// filter `Location eq '{loc}'` and the label `location`. Stateless (T3).
class ApiManagement final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"ApiManagement", "Microsoft.ApiManagement/service",
                                       "Azure API Management service"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

}  // namespace mensor::resources

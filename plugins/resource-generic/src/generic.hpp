// Generic: any Azure Monitor resource, addressed by its provider path, with an optional filter.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief Resource type `Generic` (promitor-compat.md §3.1): `resourceUri` is the path below
/// `providers/` (e.g. `Microsoft.ServiceBus/namespaces/ns`) and also the instance_name;
/// `filter` is an OData expression the host AND-merges with the dimensions. Unlike Promitor,
/// which splits the filter on " and " and " eq ", `or` between values of one dimension and
/// quoted values containing " and " survive the merge. Stateless (T3).
class Generic final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"Generic", "", "Any Azure Monitor resource by its URI"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

}  // namespace mensor::resources

// The common shape of most resource types: one required name field, and the provider path is
// the ARM resource type followed by that name.
#pragma once

#include <mensor/resources/fields.hpp>
#include <mensor/sdk.hpp>

#include <string>

namespace mensor::resources {

/// \brief A resource type addressed by one name. `Spec` provides
/// \code
///   static constexpr sdk::TypeInfo kInfo{"AppPlan", "Microsoft.Web/serverfarms", "..."};
///   static constexpr const char* kKey = "appPlanName";   // the YAML field
///   static constexpr const char* kWhat = "App Service plan";
/// \endcode
/// and the resource ID is `{kInfo.arm_resource_type}/{name}` (the casing of the ARM type is
/// Promitor's, promitor-compat.md §3.1), its instance_name the name. Optional members:
/// `kProviderType` (the path's type when it differs from kInfo.arm_resource_type, which is the
/// metric namespace), `kPathSuffix` (appended after the name, e.g. "/blobServices/default") and
/// `kNameLabel` (a scraper-specific label carrying the name). Stateless (T3).
template <class Spec>
class NamedResource final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo = Spec::kInfo;

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{sdk::Key::String(Spec::kKey).Required().Describe(Spec::kWhat)};
    return schema;
  }

  static void Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
    RequireNonEmpty(config, call, Spec::kKey, Spec::kWhat);
  }

  static void Describe(const sdk::Config& config, const sdk::MetricInfo&, sdk::Target& target) {
    const std::string name = config.RequireString(Spec::kKey);
    std::string path = ProviderType() + "/" + name;
    if constexpr (requires { Spec::kPathSuffix; }) path += Spec::kPathSuffix;
    target.SetProviderPath(path);
    target.SetInstanceName(name);
    if constexpr (requires { Spec::kNameLabel; }) target.AddLabel(Spec::kNameLabel, name);
  }

 private:
  static std::string ProviderType() {
    if constexpr (requires { Spec::kProviderType; }) {
      return Spec::kProviderType;
    } else {
      return Spec::kInfo.arm_resource_type;
    }
  }
};

}  // namespace mensor::resources

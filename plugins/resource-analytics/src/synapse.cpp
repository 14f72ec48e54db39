#include "synapse.hpp"

#include <mensor/resources/fields.hpp>

namespace mensor::resources {
namespace {
constexpr const char* kWorkspaceKey = "workspaceName";
constexpr const char* kPoolKey = "poolName";
}  // namespace

template <class Spec>
const sdk::Schema& SynapsePool<Spec>::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kWorkspaceKey).Required().Describe("Name of the Synapse workspace"),
      sdk::Key::String(kPoolKey).Required().Describe(Spec::kWhat),
  };
  return schema;
}

template <class Spec>
void SynapsePool<Spec>::Validate(const sdk::Config& config, const sdk::MetricInfo&,
                                 sdk::Call& call) {
  RequireNonEmpty(config, call, kWorkspaceKey, "Synapse workspace");
  RequireNonEmpty(config, call, kPoolKey, Spec::kWhat);
}

template <class Spec>
void SynapsePool<Spec>::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                                 sdk::Target& target) {
  const std::string workspace = config.RequireString(kWorkspaceKey);
  const std::string pool = config.RequireString(kPoolKey);
  target.SetProviderPath("Microsoft.Synapse/workspaces/" + workspace + "/" + Spec::kPoolType + "/" +
                         pool);
  target.SetInstanceName(pool);
  target.AddLabel("workspace_name", workspace);
  target.AddLabel("pool_name", pool);
}

template class SynapsePool<SynapseApacheSparkPoolSpec>;
template class SynapsePool<SynapseSqlPoolSpec>;

}  // namespace mensor::resources

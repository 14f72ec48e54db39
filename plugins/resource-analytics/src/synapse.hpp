// Synapse: workspaces and their Apache Spark and SQL pools.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief A pool of a Synapse workspace (promitor-compat.md §3.1): resource ID
/// `Microsoft.Synapse/workspaces/{ws}/{kPoolType}/{pool}`, instance_name the pool, labels
/// `workspace_name` and `pool_name`. Stateless (T3).
template <class Spec>
class SynapsePool final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo = Spec::kInfo;
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

struct SynapseApacheSparkPoolSpec {
  static constexpr sdk::TypeInfo kInfo{"SynapseApacheSparkPool",
                                       "Microsoft.Synapse/workspaces/bigDataPools",
                                       "Azure Synapse Apache Spark pool"};
  static constexpr const char* kPoolType = "bigDataPools";
  static constexpr const char* kWhat = "Apache Spark pool";
};

struct SynapseSqlPoolSpec {
  static constexpr sdk::TypeInfo kInfo{"SynapseSqlPool", "Microsoft.Synapse/workspaces/sqlPools",
                                       "Azure Synapse dedicated SQL pool"};
  static constexpr const char* kPoolType = "sqlPools";
  static constexpr const char* kWhat = "SQL pool";
};

using SynapseApacheSparkPool = SynapsePool<SynapseApacheSparkPoolSpec>;
using SynapseSqlPool = SynapsePool<SynapseSqlPoolSpec>;

}  // namespace mensor::resources

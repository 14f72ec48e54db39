// SqlDatabase and SqlElasticPool: children of an Azure SQL logical server.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief A child of an Azure SQL server (promitor-compat.md §3.1): resource ID
/// `Microsoft.Sql/servers/{server}/{kChildType}/{child}`, instance_name the child, labels
/// `server` and `kChildLabel`. `Spec` provides kInfo, kChildKey, kChildType, kChildLabel and
/// kWhat. Stateless (T3).
template <class Spec>
class SqlServerChild final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo = Spec::kInfo;
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

struct SqlDatabaseSpec {
  static constexpr sdk::TypeInfo kInfo{"SqlDatabase", "Microsoft.Sql/servers/databases",
                                       "Azure SQL database"};
  static constexpr const char* kChildKey = "databaseName";
  static constexpr const char* kChildType = "databases";
  static constexpr const char* kChildLabel = "database";
  static constexpr const char* kWhat = "SQL database";
};

struct SqlElasticPoolSpec {
  static constexpr sdk::TypeInfo kInfo{"SqlElasticPool", "Microsoft.Sql/servers/elasticPools",
                                       "Azure SQL elastic pool"};
  static constexpr const char* kChildKey = "poolName";
  static constexpr const char* kChildType = "elasticPools";
  static constexpr const char* kChildLabel = "elastic_pool";
  static constexpr const char* kWhat = "SQL elastic pool";
};

using SqlDatabase = SqlServerChild<SqlDatabaseSpec>;
using SqlElasticPool = SqlServerChild<SqlElasticPoolSpec>;

}  // namespace mensor::resources

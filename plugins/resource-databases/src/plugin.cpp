// Entry points of libmensor-plugin-databases.so: Azure SQL, MySQL, PostgreSQL, MariaDB, Cosmos DB
// and Redis resource types.
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

#include "database_servers.hpp"
#include "sql.hpp"

namespace mensor::resources {
namespace {

struct SqlManagedInstanceSpec {
  static constexpr sdk::TypeInfo kInfo{"SqlManagedInstance", "Microsoft.Sql/managedInstances",
                                       "Azure SQL managed instance"};
  static constexpr const char* kKey = "instanceName";
  static constexpr const char* kWhat = "SQL managed instance";
};
struct SqlServerSpec {
  static constexpr sdk::TypeInfo kInfo{"SqlServer", "Microsoft.Sql/servers", "Azure SQL server"};
  static constexpr const char* kKey = "serverName";
  static constexpr const char* kWhat = "SQL server";
};
struct MariaDbSpec {
  static constexpr sdk::TypeInfo kInfo{"MariaDb", "Microsoft.DBforMariaDB/servers",
                                       "Azure MariaDB server"};
  static constexpr const char* kKey = "serverName";
  static constexpr const char* kWhat = "MariaDB server";
};
struct CosmosDbSpec {
  static constexpr sdk::TypeInfo kInfo{"CosmosDb", "Microsoft.DocumentDB/databaseAccounts",
                                       "Azure Cosmos DB account"};
  static constexpr const char* kKey = "dbName";
  static constexpr const char* kWhat = "Cosmos DB account";
};
struct MongoClusterSpec {
  static constexpr sdk::TypeInfo kInfo{"MongoCluster", "Microsoft.DocumentDB/mongoClusters",
                                       "Azure Cosmos DB for MongoDB vCore cluster"};
  static constexpr const char* kKey = "clusterName";
  static constexpr const char* kWhat = "Cosmos DB for MongoDB vCore cluster";
};
struct RedisCacheSpec {
  static constexpr sdk::TypeInfo kInfo{"RedisCache", "Microsoft.Cache/Redis",
                                       "Azure Cache for Redis"};
  static constexpr const char* kKey = "cacheName";
  static constexpr const char* kWhat = "Azure Cache for Redis";
};
struct RedisEnterpriseCacheSpec {
  static constexpr sdk::TypeInfo kInfo{"RedisEnterpriseCache", "Microsoft.Cache/RedisEnterprise",
                                       "Azure Cache for Redis Enterprise"};
  static constexpr const char* kKey = "cacheName";
  static constexpr const char* kWhat = "Azure Cache for Redis Enterprise";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN("databases", "0.2.0",
              "Azure SQL, MySQL, PostgreSQL, MariaDB, Cosmos DB and Redis resource types",
              mensor::resources::NamedResource<mensor::resources::SqlManagedInstanceSpec>,
              mensor::resources::NamedResource<mensor::resources::SqlServerSpec>,
              mensor::resources::NamedResource<mensor::resources::MariaDbSpec>,
              mensor::resources::NamedResource<mensor::resources::CosmosDbSpec>,
              mensor::resources::NamedResource<mensor::resources::MongoClusterSpec>,
              mensor::resources::NamedResource<mensor::resources::RedisCacheSpec>,
              mensor::resources::NamedResource<mensor::resources::RedisEnterpriseCacheSpec>,
              mensor::resources::SqlDatabase, mensor::resources::SqlElasticPool,
              mensor::resources::MySql, mensor::resources::PostgreSql);

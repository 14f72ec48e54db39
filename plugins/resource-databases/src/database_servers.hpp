// MySql and PostgreSql: servers whose deployment model (`type`) picks the ARM resource type.
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief Resource type `MySql` (promitor-compat.md §3.1): `type` is required, `Single` →
/// `Microsoft.DBforMySQL/servers`, `Flexible` → `.../flexibleServers`; instance_name is
/// `{server}-{type}`. Stateless (T3).
class MySql final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"MySql", "Microsoft.DBforMySQL/servers",
                                       "Azure Database for MySQL (single or flexible server)"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

/// \brief Resource type `PostgreSql`: `type` defaults to `Single`; `Flexible` →
/// `flexibleServers`, `Hyperscale` → `serverGroupsv2` (Citus); `Arc` is refused as in Promitor.
/// instance_name is `{server}-{type}`. Stateless (T3).
class PostgreSql final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "PostgreSql", "Microsoft.DBforPostgreSQL/servers",
      "Azure Database for PostgreSQL (single, flexible or Hyperscale server)"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

}  // namespace mensor::resources

#include "sql.hpp"

#include <mensor/resources/fields.hpp>

namespace mensor::resources {
namespace {
constexpr const char* kServerKey = "serverName";
}  // namespace

template <class Spec>
const sdk::Schema& SqlServerChild<Spec>::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kServerKey).Required().Describe("Name of the Azure SQL server"),
      sdk::Key::String(Spec::kChildKey).Required().Describe(Spec::kWhat),
  };
  return schema;
}

template <class Spec>
void SqlServerChild<Spec>::Validate(const sdk::Config& config, const sdk::MetricInfo&,
                                    sdk::Call& call) {
  RequireNonEmpty(config, call, kServerKey, "Azure SQL server");
  RequireNonEmpty(config, call, Spec::kChildKey, Spec::kWhat);
}

template <class Spec>
void SqlServerChild<Spec>::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                                    sdk::Target& target) {
  const std::string server = config.RequireString(kServerKey);
  const std::string child = config.RequireString(Spec::kChildKey);
  target.SetProviderPath("Microsoft.Sql/servers/" + server + "/" + Spec::kChildType + "/" + child);
  target.SetInstanceName(child);
  target.AddLabel("server", server);
  target.AddLabel(Spec::kChildLabel, child);
}

template class SqlServerChild<SqlDatabaseSpec>;
template class SqlServerChild<SqlElasticPoolSpec>;

}  // namespace mensor::resources

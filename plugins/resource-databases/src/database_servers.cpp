#include "database_servers.hpp"

#include <mensor/resources/fields.hpp>

#include <optional>
#include <string>

namespace mensor::resources {
namespace {

constexpr const char* kServerKey = "serverName";
constexpr const char* kTypeKey = "type";

// Server kinds and the ARM type below the provider each maps to; names are case-sensitive, as
// .NET's Enum.TryParse in Promitor.
struct ServerKind {
  const char* name;
  const char* arm_type;  // nullptr: known but not scrapable
};

constexpr ServerKind kMySqlKinds[] = {{"Single", "servers"}, {"Flexible", "flexibleServers"}};
constexpr ServerKind kPostgreSqlKinds[] = {{"Single", "servers"},
                                           {"Flexible", "flexibleServers"},
                                           {"Hyperscale", "serverGroupsv2"},
                                           {"Arc", nullptr}};

template <size_t N>
const ServerKind* FindKind(const ServerKind (&kinds)[N], const std::string& name) {
  for (const ServerKind& kind : kinds) {
    if (name == kind.name) return &kind;
  }
  return nullptr;
}

template <size_t N>
std::string KindList(const ServerKind (&kinds)[N]) {
  std::string list;
  for (const ServerKind& kind : kinds)
    list += (list.empty() ? "'" : ", '") + std::string(kind.name) + "'";
  return list;
}

template <size_t N>
void ValidateServer(const sdk::Config& config, sdk::Call& call, const ServerKind (&kinds)[N],
                    const char* default_kind) {
  RequireNonEmpty(config, call, kServerKey, "database server");
  const std::optional<std::string> type = config.GetString(kTypeKey);
  if (!type && default_kind == nullptr) return;  // the schema reports the missing key
  const std::string name = type.value_or(default_kind);
  const ServerKind* kind = FindKind(kinds, name);
  if (kind == nullptr) {
    call.ReportError(kTypeKey, "'" + name + "' is not a valid value for 'type'; expected " +
                                   KindList(kinds) + " (case-sensitive)");
  } else if (kind->arm_type == nullptr) {
    call.ReportError(kTypeKey, "Scraping Azure Arc-based servers is not supported yet");
  }
}

template <size_t N>
void DescribeServer(const sdk::Config& config, sdk::Target& target, const char* provider,
                    const ServerKind (&kinds)[N], const char* default_kind) {
  const std::string server = config.RequireString(kServerKey);
  const std::string name = config.GetString(kTypeKey).value_or(default_kind ? default_kind : "");
  const ServerKind* kind = FindKind(kinds, name);
  if (kind == nullptr || kind->arm_type == nullptr) {
    throw sdk::ConfigError("'" + name + "' is not a supported value for 'type'");
  }
  target.SetProviderPath(std::string(provider) + "/" + kind->arm_type + "/" + server);
  target.SetInstanceName(server + "-" + name);
}

}  // namespace

const sdk::Schema& MySql::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kServerKey).Required().Describe("Name of the MySQL server"),
      sdk::Key::String(kTypeKey).Required().Describe("'Single' or 'Flexible'"),
  };
  return schema;
}

void MySql::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  ValidateServer(config, call, kMySqlKinds, nullptr);
}

void MySql::Describe(const sdk::Config& config, const sdk::MetricInfo&, sdk::Target& target) {
  DescribeServer(config, target, "Microsoft.DBforMySQL", kMySqlKinds, nullptr);
}

const sdk::Schema& PostgreSql::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kServerKey).Required().Describe("Name of the PostgreSQL server"),
      sdk::Key::String(kTypeKey).Describe("'Single' (default), 'Flexible' or 'Hyperscale'"),
  };
  return schema;
}

void PostgreSql::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  ValidateServer(config, call, kPostgreSqlKinds, "Single");
}

void PostgreSql::Describe(const sdk::Config& config, const sdk::MetricInfo&, sdk::Target& target) {
  DescribeServer(config, target, "Microsoft.DBforPostgreSQL", kPostgreSqlKinds, "Single");
}

}  // namespace mensor::resources

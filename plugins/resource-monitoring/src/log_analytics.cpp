#include "log_analytics.hpp"

#include <mensor/resources/fields.hpp>
#include <nlohmann/json.hpp>

namespace mensor::resources {
namespace {

constexpr const char* kWorkspaceIdKey = "workspaceId";
constexpr const char* kWorkspaceNameKey = "workspaceName";
constexpr std::string_view kWorkspaceIdProperty = "workspaceId";
// Promitor refuses queries that do not end up in one `result` column.
constexpr std::string_view kProjectResult = "project result";

std::string WithoutTrailingSlash(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

// Log Analytics errors: {"error":{"code","message","innererror":{...}}}.
std::string ErrorText(int status, std::string_view body) {
  std::string text = "HTTP " + std::to_string(status);
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object() && json.contains("error") && json["error"].is_object()) {
    const auto& error = json["error"];
    text += ": " + error.value("code", std::string("error")) + ": " +
            error.value("message", std::string());
  }
  return text;
}

// The token audience is the endpoint itself, as in Promitor. A plain-HTTP endpoint (an emulator
// or a local proxy) cannot be an Entra audience, so it gets the public cloud's.
std::string AuthScope(const std::string& endpoint) {
  if (endpoint.starts_with("https://")) return endpoint + "/.default";
  return "https://api.loganalytics.io/.default";
}

}  // namespace

const sdk::Schema& LogAnalytics::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kWorkspaceIdKey).Required().Describe("Workspace (customer) ID to query"),
      sdk::Key::String(kWorkspaceNameKey).Required().Describe("Name of the workspace"),
  };
  return schema;
}

void LogAnalytics::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  RequireNonEmpty(config, call, kWorkspaceIdKey, "Log Analytics workspace ID");
  RequireNonEmpty(config, call, kWorkspaceNameKey, "Log Analytics workspace");
}

void LogAnalytics::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                            sdk::Target& target) {
  const std::string id = config.RequireString(kWorkspaceIdKey);
  const std::string name = config.RequireString(kWorkspaceNameKey);
  target.SetProviderPath("Microsoft.OperationalInsights/workspaces/" + name + "/Overview");
  target.SetInstanceName(name);
  target.AddLabel("workspace_id", id);
  target.AddLabel("workspace_name", name);
  target.SetProperty(kWorkspaceIdProperty, id);
}

std::string LogAnalytics::FormatTimespan(std::chrono::nanoseconds interval) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(interval).count();
  return "PT" + std::to_string(seconds > 0 ? seconds : 1) + "S";
}

std::optional<double> LogAnalytics::ParseResult(std::string_view body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("tables") || !json["tables"].is_array() ||
      json["tables"].empty()) {
    throw sdk::Error(MENSOR_E_INTERNAL, "the Log Analytics answer has no result table");
  }
  const nlohmann::json& table = json["tables"][0];
  if (!table.contains("columns") || !table["columns"].is_array() || !table.contains("rows") ||
      !table["rows"].is_array()) {
    throw sdk::Error(MENSOR_E_INTERNAL, "the Log Analytics result table is malformed");
  }
  std::optional<size_t> column;
  for (size_t i = 0; i < table["columns"].size(); ++i) {
    if (table["columns"][i].value("name", std::string()) == "result") column = i;
  }
  if (!column) {
    throw sdk::Error(MENSOR_E_CONFIG,
                     "the query returned no column named 'result' (end it with \"| project "
                     "result\")");
  }
  const nlohmann::json& rows = table["rows"];
  if (rows.size() != 1) {
    throw sdk::Error(MENSOR_E_CONFIG, "the query returned " + std::to_string(rows.size()) +
                                          " rows; it must return exactly 1");
  }
  if (!rows[0].is_array() || rows[0].size() <= *column) {
    throw sdk::Error(MENSOR_E_INTERNAL, "the Log Analytics result row is malformed");
  }
  const nlohmann::json& cell = rows[0][*column];
  if (cell.is_null()) return std::nullopt;
  if (cell.is_number()) return cell.get<double>();
  throw sdk::Error(MENSOR_E_CONFIG, "the query's 'result' is not a number: " + cell.dump());
}

void LogAnalytics::Collect(const sdk::CollectRequest& request, sdk::Call& call,
                           sdk::Collector& collector) {
  if (request.log_analytics_endpoint.empty()) {
    throw sdk::Error(MENSOR_E_UNSUPPORTED,
                     "this cloud has no Log Analytics endpoint (set "
                     "azureMetadata.endpoints.logAnalyticsEndpoint for a Custom cloud)");
  }
  if (request.query.find(kProjectResult) == std::string_view::npos) {
    throw sdk::Error(MENSOR_E_CONFIG,
                     "the query must return one column named result (use \"project result\")");
  }
  const std::optional<std::string_view> workspace = request.Property(kWorkspaceIdProperty);
  if (!workspace || workspace->empty()) {
    throw sdk::Error(MENSOR_E_INVALID_ARGUMENT, "no workspace ID was described");
  }
  const std::string endpoint = WithoutTrailingSlash(request.log_analytics_endpoint);
  sdk::HttpRequest http;
  http.method = "POST";
  http.url = endpoint + "/v1/workspaces/" + std::string(*workspace) + "/query";
  http.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  http.body = nlohmann::json{{"query", std::string(request.query)},
                             {"timespan", FormatTimespan(request.interval)}}
                  .dump();
  http.auth_scope = AuthScope(endpoint);
  const sdk::HttpResponse response = sdk::HttpSend(call, http);
  if (response.status != 200) {
    throw sdk::Error(response.status == 401   ? MENSOR_E_UNAUTHENTICATED
                     : response.status == 403 ? MENSOR_E_PERMISSION_DENIED
                     : response.status == 404 ? MENSOR_E_NOT_FOUND
                     : response.status == 429 ? MENSOR_E_THROTTLED
                     : response.status >= 500 ? MENSOR_E_UNAVAILABLE
                                              : MENSOR_E_CONFIG,
                     "Log Analytics answered " + ErrorText(response.status, response.body));
  }
  collector.Add(ParseResult(response.body));
}

}  // namespace mensor::resources

#include "resource_graph.hpp"

#include <array>
#include <optional>

#include "arm_errors.hpp"
#include "crypto.hpp"
#include "graph_query.hpp"
#include "iso8601.hpp"
#include "json_text.hpp"

namespace mensor::sim {

namespace {

constexpr std::array<std::string_view, 3> kApiVersions = {"2024-04-01", "2022-10-01", "2021-03-01"};
// The documented default page size and the largest $top (work-with-data.md).
constexpr int64_t kDefaultTop = 1000;
constexpr int64_t kMaxTop = 1000;

// Resource Graph's own errors: BadRequest with a support line, the reason in details[].
SimResponse GraphError(TimePoint now, nlohmann::json details) {
  const nlohmann::json body = {
      {"error",
       {{"code", "BadRequest"},
        {"message", "Please provide below info when asking for support: timestamp = " +
                        FormatIsoTimestamp(now) + ", correlationId = " + NewUuid() + "."},
        {"details", std::move(details)}}}};
  return JsonResponse(400, body);
}

SimResponse InvalidRequest(TimePoint now, const std::string& message) {
  return GraphError(
      now, nlohmann::json::array({{{"code", "InvalidRequestContent"}, {"message", message}}}));
}

struct Options {
  std::optional<int64_t> top;
  std::optional<int64_t> skip;
  std::optional<std::string> skip_token;
  bool table = false;
};

// Throws std::invalid_argument naming the offending member.
Options ReadOptions(const nlohmann::json& body) {
  Options options;
  const auto found = body.find("options");
  if (found == body.end() || found->is_null()) return options;
  if (!found->is_object()) throw std::invalid_argument("'options' must be an object");
  const nlohmann::json& given = *found;
  if (const auto top = given.find("$top"); top != given.end()) {
    if (!top->is_number_integer() || *top < 1 || *top > kMaxTop) {
      throw std::invalid_argument("'options.$top' must be an integer from 1 to 1000");
    }
    options.top = top->get<int64_t>();
  }
  if (const auto skip = given.find("$skip"); skip != given.end()) {
    if (!skip->is_number_integer() || *skip < 0) {
      throw std::invalid_argument("'options.$skip' must be a non-negative integer");
    }
    options.skip = skip->get<int64_t>();
  }
  if (const auto token = given.find("$skipToken"); token != given.end()) {
    if (!token->is_string()) throw std::invalid_argument("'options.$skipToken' must be a string");
    options.skip_token = token->get<std::string>();
  }
  if (const auto format = given.find("resultFormat"); format != given.end()) {
    if (!format->is_string() || (*format != "objectArray" && *format != "table")) {
      throw std::invalid_argument("'options.resultFormat' must be 'objectArray' or 'table'");
    }
    options.table = *format == "table";
  }
  if (const auto partial = given.find("allowPartialScopes");
      partial != given.end() && !partial->is_boolean()) {
    throw std::invalid_argument("'options.allowPartialScopes' must be a boolean");
  }
  return options;
}

// Nothing: tenant scope (every subscription). Throws std::invalid_argument.
std::optional<std::vector<std::string>> ReadSubscriptions(const nlohmann::json& body) {
  if (body.contains("managementGroups")) {
    throw std::invalid_argument("the simulator does not model management groups");
  }
  const auto found = body.find("subscriptions");
  if (found == body.end()) return std::nullopt;
  if (!found->is_array() || found->empty()) {
    throw std::invalid_argument("'subscriptions' must be a non-empty array of strings");
  }
  std::vector<std::string> subscriptions;
  for (const auto& item : *found) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      throw std::invalid_argument("'subscriptions' must be a non-empty array of strings");
    }
    subscriptions.push_back(item.get<std::string>());
  }
  return subscriptions;
}

struct Row {
  const ResourceState* resource;
  ResourceId id;
  std::string type;  // lower-cased, as Resource Graph stores it
};

std::string ColumnValue(const Row& row, std::string_view column) {
  if (column == "id") return row.resource->id;
  if (column == "name") return row.id.name;
  if (column == "type") return row.type;
  if (column == "resourceGroup") return row.id.resource_group;
  if (column == "subscriptionId") return row.id.subscription;
  // ARM stores the programmatic region name ("North Europe" is "northeurope").
  std::string location;
  for (const char c : ToLower(row.resource->location)) {
    if (c != ' ') location += c;
  }
  return location;
}

// The token names where the next page starts, its size and what it pages through, so a token
// from another query is refused rather than silently misapplied.
std::string MakeSkipToken(int64_t offset, int64_t page, uint64_t scope) {
  return Base64UrlEncode(std::to_string(offset) + ":" + std::to_string(page) + ":" +
                         std::to_string(scope));
}

bool ReadSkipToken(const std::string& token, uint64_t scope, int64_t& offset, int64_t& page) {
  const auto text = Base64UrlDecode(token);
  if (!text) return false;
  const auto parts = Split(*text, ':');
  if (parts.size() != 3 || parts[2] != std::to_string(scope)) return false;
  try {
    offset = std::stoll(parts[0]);
    page = std::stoll(parts[1]);
  } catch (const std::exception&) {
    return false;
  }
  return offset >= 0 && page >= 1 && page <= kMaxTop;
}

}  // namespace

SimResponse ResourceGraphApi::Handle(const SimRequest& request, const std::string& caller,
                                     TimePoint now) {
  const QuotaDecision quota = quota_.Consume(caller, now);
  SimResponse response;
  if (quota.allowed) {
    response = Answer(request, now);
  } else {
    const auto wait = std::max<int64_t>(1, quota.resets_after.count());
    response = JsonResponse(
        429,
        nlohmann::json{
            {"error",
             {{"code", "RateLimiting"},
              {"message", "Please provide below info when asking for support: timestamp = " +
                              FormatIsoTimestamp(now) + ", correlationId = " + NewUuid() + "."},
              {"details",
               {{{"code", "RateLimiting"},
                 {"message",
                  "Client application has been throttled and should not attempt to repeat "
                  "the request until an amount of time has elapsed. Please see "
                  "https://aka.ms/resourcegraph-throttling for help."}}}}}}});
    response.headers.Add("Retry-After", std::to_string(wait));
  }
  response.headers.Add("x-ms-user-quota-remaining", std::to_string(quota.remaining));
  response.headers.Add("x-ms-user-quota-resets-after", FormatQuotaDuration(quota.resets_after));
  return response;
}

SimResponse ResourceGraphApi::Answer(const SimRequest& request, TimePoint now) const {
  if (request.method != "POST") {
    return ArmErrorResponse(
        405, "MethodNotAllowed",
        "Resource Graph queries are POSTed, not sent with '" + request.method + "'.");
  }
  const auto version = request.query.Get("api-version");
  if (!version) {
    return ArmErrorResponse(400, "MissingApiVersionParameter",
                            "The api-version query parameter (?api-version=) is required for all "
                            "requests.");
  }
  bool known_version = false;
  for (const auto known : kApiVersions) known_version = known_version || *version == known;
  if (!known_version) {
    return ArmErrorResponse(400, "InvalidApiVersionParameter",
                            "The api-version '" + *version +
                                "' is invalid. The supported versions are "
                                "'2024-04-01,2022-10-01,2021-03-01'.");
  }
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object()) return InvalidRequest(now, "The request body is not a JSON object.");
  const auto query_text = body.find("query");
  if (query_text == body.end() || !query_text->is_string()) {
    return InvalidRequest(now, "The request body needs a string 'query'.");
  }
  Options options;
  std::optional<std::vector<std::string>> subscriptions;
  try {
    options = ReadOptions(body);
    subscriptions = ReadSubscriptions(body);
    if (const auto facets = body.find("facets");
        facets != body.end() && !(facets->is_array() && facets->empty())) {
      throw std::invalid_argument("the simulator does not compute facets");
    }
  } catch (const std::invalid_argument& error) {
    return InvalidRequest(now, error.what());
  }
  GraphQuery query;
  try {
    query = ParseGraphQuery(query_text->get_ref<const std::string&>());
  } catch (const GraphQueryError& error) {
    return GraphError(
        now, nlohmann::json::array(
                 {{{"code", "InvalidQuery"},
                   {"message", std::string("Query is invalid. Please refer to the documentation "
                                           "for the Azure Resource Graph service and fix the "
                                           "error before retrying. (") +
                                   error.what() + ")"}},
                  {{"code", "ParserFailure"},
                   {"message", "ParserFailure"},
                   {"line", error.line()},
                   {"characterPositionInLine", error.position()},
                   {"token", error.token()}}}));
  }

  std::vector<Row> rows;
  for (const ResourceState& resource : world_.resources()) {
    if (world_.IsDeleted(resource.id)) continue;
    auto id = ParseResourceId(resource.id);
    if (!id) continue;
    const ResourceType* known = FindResourceType(id->type);
    std::string type = ToLower(known ? known->type : id->type);
    if (query.exact ? type != query.type : !EqualsIgnoreCase(type, query.type)) continue;
    if (subscriptions) {
      bool in_scope = false;
      for (const auto& subscription : *subscriptions) {
        in_scope = in_scope || EqualsIgnoreCase(subscription, id->subscription);
      }
      if (!in_scope) continue;
    }
    rows.push_back(Row{&resource, std::move(*id), std::move(type)});
  }

  // What a skip token pages through: the query and the scope.
  std::string scope_text = query_text->get<std::string>();
  for (const auto& subscription : subscriptions.value_or(std::vector<std::string>{})) {
    scope_text += "|" + ToLower(subscription);
  }
  const uint64_t scope = StableHash(scope_text);
  int64_t offset = options.skip.value_or(0);
  int64_t page = options.top.value_or(kDefaultTop);
  if (options.skip_token) {
    int64_t token_offset = 0;
    int64_t token_page = 0;
    if (!ReadSkipToken(*options.skip_token, scope, token_offset, token_page)) {
      return InvalidRequest(now, "The $skipToken is invalid for this query and scope.");
    }
    offset = options.skip.value_or(token_offset);
    page = options.top.value_or(token_page);
  }
  const auto total = static_cast<int64_t>(rows.size());
  const int64_t first = std::min(offset, total);
  const int64_t last = std::min(total, first + page);

  std::string out;
  JsonText json(out);
  json.BeginObject().Key("totalRecords").Integer(total).Key("count").Integer(last - first);
  json.Field("resultTruncated", "false").Key("facets").BeginArray().EndArray();
  if (last < total) json.Field("$skipToken", MakeSkipToken(last, page, scope));
  json.Key("data");
  if (options.table) {
    json.BeginObject().Key("columns").BeginArray();
    for (const auto& column : query.columns) {
      json.BeginObject().Field("name", column).Field("type", "string").EndObject();
    }
    json.EndArray().Key("rows").BeginArray();
    for (int64_t i = first; i < last; ++i) {
      json.BeginArray();
      for (const auto& column : query.columns) json.String(ColumnValue(rows[i], column));
      json.EndArray();
    }
    json.EndArray().EndObject();
  } else {
    json.BeginArray();
    for (int64_t i = first; i < last; ++i) {
      json.BeginObject();
      for (const auto& column : query.columns) json.Field(column, ColumnValue(rows[i], column));
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
  return JsonResponse(200, std::move(out));
}

}  // namespace mensor::sim

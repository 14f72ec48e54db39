#include "mensor/azure/resource_graph.hpp"

#include <nlohmann/json.hpp>

#include "json_access.hpp"
#include "mensor/azure/cloud.hpp"

namespace mensor::azure {

std::string BuildResourceGraphUrl(std::string_view arm_base, std::string_view api_version) {
  while (!arm_base.empty() && arm_base.back() == '/') arm_base.remove_suffix(1);
  std::string url(arm_base);
  url += "/providers/Microsoft.ResourceGraph/resources?api-version=";
  url += api_version;
  return url;
}

std::string BuildRegionQuery(std::string_view resource_type) {
  std::string query = "Resources | where type =~ '";
  for (const char c : resource_type) {
    if (c == '\'' || c == '\\') query += '\\';
    query += c;
  }
  query += "' | project id, location";
  return query;
}

std::string BuildResourceGraphBody(std::string_view subscription_id, std::string_view query,
                                   const std::optional<std::string>& skip_token) {
  nlohmann::json options = {{"$top", kResourceGraphPageSize}, {"resultFormat", "objectArray"}};
  if (skip_token) options["$skipToken"] = *skip_token;
  const nlohmann::json body = {{"subscriptions", {std::string(subscription_id)}},
                               {"query", std::string(query)},
                               {"options", std::move(options)}};
  return body.dump();
}

namespace {

bool ReadCount(const internal::Json& doc, std::string_view key, int64_t& out, std::string& error) {
  const internal::Json* value = internal::Member(doc, key);
  if (value == nullptr || !value->is_number_integer()) {
    error = "the Resource Graph answer has no integer '" + std::string(key) + "'";
    return false;
  }
  out = value->get<int64_t>();
  return true;
}

}  // namespace

Result<ResourceGraphPage> ParseResourceGraphLocations(std::string_view body) {
  const auto doc = internal::ParseJson(body);
  if (!doc || !doc->is_object())
    return ParseError{"the Resource Graph answer is not a JSON object"};
  ResourceGraphPage page;
  int64_t count = 0;
  std::string error;
  if (!ReadCount(*doc, "totalRecords", page.total_records, error) ||
      !ReadCount(*doc, "count", count, error)) {
    return ParseError{error};
  }
  const internal::Json* truncated = internal::Member(*doc, "resultTruncated");
  if (truncated == nullptr || !truncated->is_string() ||
      (*truncated != "true" && *truncated != "false")) {
    return ParseError{"the Resource Graph answer's resultTruncated is not \"true\" or \"false\""};
  }
  if (const internal::Json* token = internal::Member(*doc, "$skipToken")) {
    if (!token->is_string())
      return ParseError{"the Resource Graph answer's $skipToken is not a string"};
    if (!token->get_ref<const std::string&>().empty()) {
      page.skip_token = token->get<std::string>();
    }
  }
  if (const internal::Json* facets = internal::Member(*doc, "facets");
      facets != nullptr && !facets->is_array()) {
    return ParseError{"the Resource Graph answer's facets is not an array"};
  }
  const internal::Json* data = internal::Member(*doc, "data");
  if (data == nullptr || !data->is_array()) {
    // The table format (columns/rows) would land here too: this client asks for objectArray.
    return ParseError{"the Resource Graph answer's data is not an array of rows"};
  }
  if (static_cast<int64_t>(data->size()) != count) {
    return ParseError{"the Resource Graph answer counts " + std::to_string(count) +
                      " rows but holds " + std::to_string(data->size())};
  }
  page.rows.reserve(data->size());
  for (const internal::Json& row : *data) {
    const internal::Json* id = internal::Member(row, "id");
    const internal::Json* location = internal::Member(row, "location");
    if (id == nullptr || !id->is_string() || location == nullptr || !location->is_string()) {
      return ParseError{"a Resource Graph row lacks a string id or location"};
    }
    page.rows.push_back(GraphLocation{id->get<std::string>(),
                                      NormalizeRegion(location->get_ref<const std::string&>())});
  }
  return page;
}

}  // namespace mensor::azure

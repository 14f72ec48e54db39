#include "log_analytics_api.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "iso8601.hpp"

namespace mensor::sim {
namespace {

constexpr std::array kAudiences = {"https://api.loganalytics.io", "https://api.loganalytics.us",
                                   "https://api.loganalytics.azure.cn"};

SimResponse Error(int status, std::string_view code, std::string_view message,
                  std::string_view inner_code = "", std::string_view inner_message = "") {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!inner_code.empty()) {
    error["innererror"] = {{"code", inner_code}, {"message", inner_message}};
  }
  return JsonResponse(status, {{"error", error}});
}

bool IsAudience(std::string_view audience) {
  while (!audience.empty() && audience.back() == '/') audience.remove_suffix(1);
  return std::any_of(kAudiences.begin(), kAudiences.end(),
                     [&](const char* known) { return EqualsIgnoreCase(audience, known); });
}

// A syntax problem of the query, or "" when it parses as far as this simulator understands.
std::string SyntaxProblem(std::string_view query) {
  const std::string_view trimmed = Trim(query);
  if (trimmed.empty()) return "The query is empty.";
  if (trimmed.front() == '|') return "A query cannot start with '|'.";
  int depth = 0;
  char quote = 0;
  for (char c : trimmed) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) return "Unbalanced ')'.";
  }
  if (quote != 0) return "Unterminated string literal.";
  if (depth != 0) return "Unbalanced '('.";
  if (trimmed.back() == '|') return "A query cannot end with '|'.";
  return "";
}

// N of the last `| take N` (or `limit N`), if any.
std::optional<long long> TakeCount(std::string_view query) {
  std::optional<long long> count;
  for (std::string_view keyword : {"take ", "limit "}) {
    size_t at = 0;
    while ((at = query.find(keyword, at)) != std::string_view::npos) {
      at += keyword.size();
      long long value = 0;
      const auto [end, error] =
          std::from_chars(query.data() + at, query.data() + query.size(), value);
      if (error == std::errc()) count = value;
    }
  }
  return count;
}

}  // namespace

bool LogAnalyticsApi::Matches(std::string_view path) {
  const auto segments = Split(path, '/');  // "", v1, workspaces, id, query
  return segments.size() == 5 && segments[1] == "v1" && segments[2] == "workspaces" &&
         segments[4] == "query";
}

SimResponse LogAnalyticsApi::Handle(const SimRequest& request, TimePoint now) const {
  const auto header = request.headers.Get("Authorization");
  if (!header || !StartsWithIgnoreCase(Trim(*header), "Bearer ")) {
    return Error(401, "AuthorizationRequiredError", "Valid authentication was not provided");
  }
  const auto validation = issuer_.Validate(Trim(Trim(*header).substr(7)), now);
  if (validation.status != TokenStatus::kValid) {
    return Error(401, "InvalidTokenError",
                 "The provided authentication is not valid for this resource",
                 "TokenExpiredOrInvalid",
                 "The access token is expired, malformed or not signed by the simulator.");
  }
  if (!IsAudience(validation.claims.audience)) {
    return Error(401, "InvalidTokenError",
                 "The provided authentication is not valid for this resource", "InvalidAudience",
                 "The token's audience '" + validation.claims.audience +
                     "' is not a Log Analytics audience (e.g. https://api.loganalytics.io).");
  }
  if (request.method != "POST") {
    return Error(405, "MethodNotAllowed", "Queries are POSTed to this path.");
  }
  const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("query") || !body["query"].is_string()) {
    return Error(400, "BadArgumentError", "The request had some invalid properties",
                 "QueryValidationError", "The body must be a JSON object with a string 'query'.");
  }
  const std::string query = body["query"].get<std::string>();
  if (body.contains("timespan") &&
      (!body["timespan"].is_string() || !ParseIsoDuration(body["timespan"].get<std::string>()))) {
    return Error(400, "BadArgumentError", "The request had some invalid properties",
                 "InvalidTimespan", "'timespan' must be an ISO 8601 duration such as PT5M.");
  }
  if (const std::string problem = SyntaxProblem(query); !problem.empty()) {
    return Error(400, "BadArgumentError", "The request had some invalid properties", "SyntaxError",
                 "A recognition error occurred in the query. " + problem);
  }
  const std::string workspace = Split(request.path, '/')[3];
  const auto value = world_.WorkspaceResult(workspace, query, now);
  if (!value) {
    return Error(404, "WorkspaceNotFoundError",
                 "The workspace could not be found: '" + workspace + "'");
  }
  const bool projected = query.find("project result") != std::string::npos;
  const long long rows = std::clamp<long long>(TakeCount(query).value_or(1), 0, 1000);
  nlohmann::json table = {{"name", "PrimaryResult"}};
  table["columns"] = nlohmann::json::array(
      {{{"name", projected ? "result" : "Count"}, {"type", projected ? "real" : "long"}}});
  table["rows"] = nlohmann::json::array();
  for (long long i = 0; i < rows; ++i) table["rows"].push_back(nlohmann::json::array({*value}));
  return JsonResponse(200, {{"tables", nlohmann::json::array({table})}});
}

}  // namespace mensor::sim

#include "managed_identity.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <variant>

#include "crypto.hpp"

namespace mensor::sim {

namespace {

constexpr std::array kImdsApiVersions = {"2018-02-01", "2019-03-11", "2019-06-01",
                                         "2019-08-01", "2019-11-01", "2020-06-01",
                                         "2021-02-01", "2021-12-13", "2023-07-01"};

// The system-assigned identity of the simulated VM or app.
constexpr std::string_view kSystemClientId = "0a9b6c52-0d4f-4c3e-9c43-5f9a2e6b7d10";

struct Identity {
  std::string client_id;
  std::string object_id;
};

// At most one selector; each selector maps to a stable synthetic identity.
std::variant<Identity, std::string> SelectIdentity(const FieldList& query,
                                                   std::initializer_list<const char*> selectors) {
  std::optional<std::pair<std::string, std::string>> chosen;
  for (const char* name : selectors) {
    if (auto value = query.Get(name)) {
      if (chosen) {
        return std::string("Multiple identity selectors were given ('") + chosen->first +
               "' and '" + name + "'); specify at most one.";
      }
      if (value->empty()) return std::string("The '") + name + "' parameter is empty.";
      chosen = {name, *value};
    }
  }
  if (!chosen) {
    return Identity{std::string(kSystemClientId),
                    StableUuid("object:" + std::string(kSystemClientId))};
  }
  const auto& [name, value] = *chosen;
  if (name == "client_id") return Identity{value, StableUuid("object:" + ToLower(value))};
  if (name == "object_id" || name == "principal_id") {
    return Identity{StableUuid("client:" + ToLower(value)), value};
  }
  const std::string client_id = StableUuid("client:" + ToLower(value));  // Resource id selector.
  return Identity{client_id, StableUuid("object:" + client_id)};
}

bool IsResourceUri(std::string_view resource) {
  return StartsWithIgnoreCase(resource, "https://") || StartsWithIgnoreCase(resource, "api://");
}

}  // namespace

SimResponse ImdsError(int status, std::string error, std::string description) {
  return JsonResponse(status,
                      {{"error", std::move(error)}, {"error_description", std::move(description)}});
}

SimResponse HandleImdsToken(const SimRequest& request, const TokenIssuer& issuer, TimePoint now) {
  if (request.method != "GET") {
    return ImdsError(405, "invalid_request", "Only GET is supported on this endpoint");
  }
  // The header guards against SSRF, so IMDS checks it before anything else.
  if (request.headers.Get("Metadata") != "true") {
    return ImdsError(400, "invalid_request", "Required metadata header not specified");
  }
  const auto api_version = request.query.Get("api-version");
  if (!api_version || api_version->empty()) {
    return ImdsError(400, "invalid_request", "Required query variable 'api-version' is missing");
  }
  if (std::find(kImdsApiVersions.begin(), kImdsApiVersions.end(), *api_version) ==
      kImdsApiVersions.end()) {
    return ImdsError(400, "invalid_request", "Invalid value for 'api-version': " + *api_version);
  }
  const auto resource = request.query.Get("resource");
  if (!resource || resource->empty()) {
    return ImdsError(400, "invalid_request", "Required query variable 'resource' is missing");
  }
  if (!IsResourceUri(*resource)) {
    return ImdsError(400, "invalid_resource",
                     "AADSTS50001: The application named " + *resource +
                         " was not found in the tenant named " + std::string(kSimTenantId) + ".");
  }
  const auto selected =
      SelectIdentity(request.query, {"client_id", "object_id", "msi_res_id", "mi_res_id"});
  if (const auto* message = std::get_if<std::string>(&selected)) {
    return ImdsError(400, "invalid_request", *message);
  }
  const auto& identity = std::get<Identity>(selected);
  const TokenSubject subject{std::string(kSimTenantId), identity.client_id, identity.object_id};
  const auto epoch = [](TimePoint t) { return std::to_string(t.time_since_epoch().count()); };
  return JsonResponse(200, {{"access_token", issuer.Issue(subject, *resource, now)},
                            {"refresh_token", ""},
                            {"expires_in", std::to_string(issuer.lifetime().count())},
                            {"expires_on", epoch(now + issuer.lifetime())},
                            {"not_before", epoch(now)},
                            {"resource", *resource},
                            {"token_type", "Bearer"}});
}

SimResponse HandleAppServiceToken(const SimRequest& request, const TokenIssuer& issuer,
                                  const std::string& identity_header, TimePoint now) {
  const auto app_service_error = [](int status, const std::string& message) {
    return JsonResponse(status, {{"statusCode", status}, {"message", message}});
  };
  if (request.method != "GET") return app_service_error(405, "Only GET is supported.");
  const auto header = request.headers.Get("X-IDENTITY-HEADER");
  if (!header) return app_service_error(400, "Required header X-IDENTITY-HEADER is missing.");
  if (!ConstantTimeEquals(*header, identity_header)) {
    return app_service_error(401, "The X-IDENTITY-HEADER value is not valid.");
  }
  const auto api_version = request.query.Get("api-version");
  if (api_version != "2019-08-01") {
    return app_service_error(
        400, "api-version must be 2019-08-01, got '" + api_version.value_or("") + "'.");
  }
  const auto resource = request.query.Get("resource");
  if (!resource || resource->empty() || !IsResourceUri(*resource)) {
    return app_service_error(400, "The 'resource' parameter is missing or not a URI.");
  }
  const auto selected =
      SelectIdentity(request.query, {"client_id", "principal_id", "object_id", "mi_res_id"});
  if (const auto* message = std::get_if<std::string>(&selected)) {
    return app_service_error(400, *message);
  }
  const auto& identity = std::get<Identity>(selected);
  const TokenSubject subject{std::string(kSimTenantId), identity.client_id, identity.object_id};
  return JsonResponse(
      200, {{"access_token", issuer.Issue(subject, *resource, now)},
            {"expires_on", std::to_string((now + issuer.lifetime()).time_since_epoch().count())},
            {"resource", *resource},
            {"token_type", "Bearer"},
            {"client_id", identity.client_id}});
}

SimResponse ArcIdentityEndpoint::Handle(const SimRequest& request, const TokenIssuer& issuer,
                                        TimePoint now) {
  if (!enabled()) {
    return ImdsError(404, "not_found", "Azure Arc is not simulated; start with --arc-key-dir");
  }
  if (request.method != "GET") {
    return ImdsError(405, "invalid_request", "Only GET is supported on this endpoint");
  }
  if (request.headers.Get("Metadata") != "true") {
    return ImdsError(400, "invalid_request", "Required metadata header not specified");
  }
  const auto api_version = request.query.Get("api-version");
  if (api_version != "2019-11-01" && api_version != "2020-06-01") {
    return ImdsError(400, "invalid_request",
                     "Invalid value for 'api-version': " + api_version.value_or(""));
  }
  const auto resource = request.query.Get("resource");
  if (!resource || !IsResourceUri(*resource)) {
    return ImdsError(400, "invalid_request", "Required query variable 'resource' is missing");
  }
  const auto authorization = request.headers.Get("Authorization");
  if (!authorization) {
    // A fresh secret in a file only the agent's host user may read.
    const std::string key = Base64UrlEncode(RandomBytes(32));
    const auto path = std::filesystem::path(key_directory_) / (NewUuid() + ".key");
    std::ofstream(path, std::ios::binary) << key;
    issued_keys_.insert(key);
    SimResponse response = ImdsError(401, "unauthorized", "Use the key file's content");
    response.headers.Add("WWW-Authenticate", "Basic realm=" + path.string());
    return response;
  }
  if (!StartsWithIgnoreCase(*authorization, "Basic ") ||
      issued_keys_.erase(std::string(Trim(std::string_view(*authorization).substr(6)))) == 0) {
    return ImdsError(401, "unauthorized", "The key in the Authorization header is not valid");
  }
  const Identity identity{std::string(kSystemClientId),
                          StableUuid("object:" + std::string(kSystemClientId))};
  const TokenSubject subject{std::string(kSimTenantId), identity.client_id, identity.object_id};
  const auto epoch = [](TimePoint t) { return std::to_string(t.time_since_epoch().count()); };
  return JsonResponse(200, {{"access_token", issuer.Issue(subject, *resource, now)},
                            {"expires_in", std::to_string(issuer.lifetime().count())},
                            {"expires_on", epoch(now + issuer.lifetime())},
                            {"not_before", epoch(now)},
                            {"resource", *resource},
                            {"token_type", "Bearer"}});
}

}  // namespace mensor::sim

#include "client_credentials.hpp"

#include <mensor/sdk/azure/url.hpp>
#include <mensor/sdk/error.hpp>

#include <nlohmann/json.hpp>

namespace mensor::service_principal {
namespace {

using sdk::azure::Excerpt;
using sdk::azure::FirstLine;
using sdk::azure::PercentEncode;
using sdk::azure::StringField;

constexpr std::string_view kEndpoint = "Entra ID token endpoint";

// "AADSTS7000215" from error_codes, else from the description's "AADSTSnnn:" prefix.
std::string AadstsCode(const nlohmann::json& json, const std::string& description) {
  auto codes = json.find("error_codes");
  if (codes != json.end() && codes->is_array() && !codes->empty() &&
      codes->front().is_number_integer()) {
    return "AADSTS" + std::to_string(codes->front().get<int64_t>());
  }
  if (description.rfind("AADSTS", 0) == 0) {
    size_t end = 6;
    while (end < description.size() && description[end] >= '0' && description[end] <= '9') ++end;
    if (end > 6) return description.substr(0, end);
  }
  return {};
}

// Entra descriptions read "AADSTSnnn: text\r\nTrace ID: ...": keep the text of the first line.
std::string Summary(std::string description) {
  description = FirstLine(std::move(description));
  if (description.rfind("AADSTS", 0) == 0) {
    size_t colon = description.find(": ");
    if (colon != std::string::npos) description.erase(0, colon + 2);
  }
  return description;
}

std::string Redact(std::string message, std::string_view secret) {
  if (secret.empty()) return message;
  for (size_t at = message.find(secret); at != std::string::npos;
       at = message.find(secret, at + 3)) {
    message.replace(at, secret.size(), "***");
  }
  return message;
}

[[noreturn]] void ThrowFailure(int status, std::string_view body, std::string_view secret) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  std::string error = json.is_object() ? StringField(json, "error") : std::string();
  mensor_status code = MENSOR_E_UNAUTHENTICATED;
  if (status == 429) {
    code = MENSOR_E_THROTTLED;
  } else if (status >= 500 || error == "temporarily_unavailable") {
    code = MENSOR_E_UNAVAILABLE;
  }

  std::string message;
  if (!error.empty()) {
    std::string description = StringField(json, "error_description");
    std::string aadsts = AadstsCode(json, description);
    message = code == MENSOR_E_UNAUTHENTICATED
                  ? "Entra ID rejected the client credentials: " + error
                  : std::string(kEndpoint) + " returned " + std::to_string(status) + ": " + error;
    if (!aadsts.empty()) message += " (" + aadsts + ")";
    if (std::string summary = Summary(description); !summary.empty()) message += ": " + summary;
  } else {
    message = std::string(kEndpoint) + " returned " + std::to_string(status);
    if (!body.empty()) message += ": " + Excerpt(body);
  }
  throw sdk::Error(code, Redact(std::move(message), secret));
}

}  // namespace

std::string TokenEndpoint(std::string_view authority_host, std::string_view tenant_id) {
  return std::string(authority_host) + "/" + PercentEncode(tenant_id) + "/oauth2/v2.0/token";
}

TokenHttpRequest BuildTokenRequest(std::string_view authority_host, std::string_view tenant_id,
                                   std::string_view client_id, const ClientProof& proof,
                                   std::string_view scope) {
  TokenHttpRequest request;
  request.url = TokenEndpoint(authority_host, tenant_id);
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", "application/json");
  std::vector<std::pair<std::string, std::string>> form = {{"client_id", std::string(client_id)}};
  if (proof.kind == ClientProof::Kind::kSecret) {
    form.emplace_back("client_secret", proof.value);
  } else {
    form.emplace_back("client_assertion_type",
                      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.emplace_back("client_assertion", proof.value);
  }
  form.emplace_back("scope", std::string(scope));
  form.emplace_back("grant_type", "client_credentials");
  request.body = sdk::azure::FormEncode(form);
  return request;
}

AccessToken ParseTokenResponse(int status, std::string_view body, int64_t now_unix_ns,
                               std::string_view secret) {
  if (status != 200) ThrowFailure(status, body, secret);
  return sdk::azure::ParseAccessToken(body, now_unix_ns, kEndpoint,
                                      sdk::azure::ExpiryFields::kExpiresIn);
}

}  // namespace mensor::service_principal

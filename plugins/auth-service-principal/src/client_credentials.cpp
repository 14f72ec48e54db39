#include "client_credentials.hpp"

#include <mensor/sdk/error.hpp>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>

namespace mensor::service_principal {
namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;
constexpr size_t kMaxExcerpt = 200;

std::string StringField(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<int64_t> ReadSeconds(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number()) return static_cast<int64_t>(it->get<double>());
  if (!it->is_string()) return std::nullopt;
  const std::string& text = it->get_ref<const std::string&>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

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
  size_t end = description.find_first_of("\r\n");
  if (end != std::string::npos) description.resize(end);
  if (description.rfind("AADSTS", 0) == 0) {
    size_t colon = description.find(": ");
    if (colon != std::string::npos) description.erase(0, colon + 2);
  }
  return description;
}

std::string Excerpt(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, kMaxExcerpt)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  }
  if (body.size() > kMaxExcerpt) out += "...";
  return out;
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
                  : "Entra ID token endpoint returned " + std::to_string(status) + ": " + error;
    if (!aadsts.empty()) message += " (" + aadsts + ")";
    if (std::string summary = Summary(description); !summary.empty()) message += ": " + summary;
  } else {
    message = "Entra ID token endpoint returned " + std::to_string(status);
    if (!body.empty()) message += ": " + Excerpt(body);
  }
  throw sdk::Error(code, Redact(std::move(message), secret));
}

}  // namespace

std::string FormEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (unsigned char c : value) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

TokenHttpRequest BuildTokenRequest(const Settings& settings, std::string_view secret,
                                   std::string_view scope) {
  TokenHttpRequest request;
  request.url =
      settings.authority_host + "/" + FormEncode(settings.tenant_id) + "/oauth2/v2.0/token";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", "application/json");
  request.body = "client_id=" + FormEncode(settings.client_id) +
                 "&client_secret=" + FormEncode(secret) + "&scope=" + FormEncode(scope) +
                 "&grant_type=client_credentials";
  return request;
}

AccessToken ParseTokenResponse(int status, std::string_view body, int64_t now_unix_ns,
                               std::string_view secret) {
  if (status != 200) ThrowFailure(status, body, secret);
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    throw sdk::Error(MENSOR_E_UNAVAILABLE,
                     "Entra ID token endpoint returned 200 with a body that is not JSON");
  }
  AccessToken token;
  token.value = StringField(json, "access_token");
  if (token.value.empty()) {
    throw sdk::Error(MENSOR_E_UNAVAILABLE,
                     "Entra ID token endpoint returned 200 without access_token");
  }
  std::optional<int64_t> expires_in = ReadSeconds(json, "expires_in");
  if (!expires_in) {
    throw sdk::Error(MENSOR_E_UNAVAILABLE,
                     "Entra ID token endpoint returned a token without a usable expires_in");
  }
  token.expires_unix_ns = now_unix_ns + *expires_in * kNsPerSecond;
  return token;
}

}  // namespace mensor::service_principal

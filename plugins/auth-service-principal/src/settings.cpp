#include "settings.hpp"

#include <mensor/sdk/error.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "certificate.hpp"

namespace mensor::service_principal {
namespace {

bool Present(const std::optional<std::string>& value) { return value && !value->empty(); }

std::optional<std::string> FirstEnv(const EnvLookup& env, const char* primary,
                                    const char* fallback) {
  if (auto value = env(primary); Present(value)) return value;
  if (auto value = env(fallback); Present(value)) return value;
  return std::nullopt;
}

std::string JoinPath(const std::string& directory, const std::string& name) {
  return (std::filesystem::path(directory) / name).string();
}

}  // namespace

std::string Trim(std::string value) {
  constexpr char kSpace[] = " \t\r\n\v\f";
  value.erase(0, value.find_first_not_of(kSpace));
  size_t last = value.find_last_not_of(kSpace);
  value.erase(last == std::string::npos ? 0 : last + 1);
  return value;
}

Settings ResolveSettings(const RawSettings& raw, const EnvLookup& env) {
  Settings settings;

  if (Present(raw.identity_id)) {
    settings.client_id = Trim(*raw.identity_id);
  } else if (auto app_id = FirstEnv(env, "PROMITOR_AUTH_APPID", "AUTH_APPID")) {
    settings.client_id = Trim(*app_id);
  }
  if (settings.client_id.empty()) {
    throw sdk::ConfigError(
        "No identity was configured for service principal authentication: set "
        "authentication.identityId (or the deprecated PROMITOR_AUTH_APPID environment variable)");
  }

  if (!Present(raw.tenant_id) || Trim(*raw.tenant_id).empty()) {
    throw sdk::ConfigError(
        "No tenant was configured for service principal authentication: set tenantId");
  }
  settings.tenant_id = Trim(*raw.tenant_id);

  settings.authority_host = NormaliseAuthorityHost(
      Present(raw.authority_host) ? *raw.authority_host : kDefaultAuthorityHost);

  if (Present(raw.certificate_path)) {
    settings.certificate_path = Trim(*raw.certificate_path);
    settings.certificate_password =
        FirstEnv(env, "PROMITOR_AUTH_CERTIFICATE_PASSWORD", "AZURE_CLIENT_CERTIFICATE_PASSWORD")
            .value_or("");
    // Loaded now so a wrong path, password or key is a start-up error, not a scrape error.
    ClientCertificate::Load(settings.certificate_path, settings.certificate_password);
    return settings;
  }

  const bool has_path = Present(raw.secret_file_path);
  const bool has_name = Present(raw.secret_file_name);
  if (has_path != has_name) {
    throw sdk::ConfigError(
        "secretFilePath and secretFileName must be configured together for service principal "
        "authentication (only " +
        std::string(has_path ? "secretFilePath" : "secretFileName") + " is set)");
  }
  if (has_path) {
    settings.secret_file = JoinPath(*raw.secret_file_path, *raw.secret_file_name);
    std::error_code error;
    if (!std::filesystem::is_regular_file(settings.secret_file, error)) {
      throw sdk::ConfigError(
          "Invalid secret file path was configured for service principal authentication "
          "because it does not exist: " +
          settings.secret_file);
    }
    CurrentSecret(settings);  // an unreadable or empty file is a configuration error now
    return settings;
  }

  if (auto secret = FirstEnv(env, "PROMITOR_AUTH_APPKEY", "AUTH_APPKEY")) {
    settings.env_secret = Trim(*secret);
  }
  if (settings.env_secret.empty()) {
    throw sdk::ConfigError(
        "No identity secret was configured for service principal authentication: set the "
        "PROMITOR_AUTH_APPKEY environment variable, or secretFilePath and secretFileName");
  }
  return settings;
}

std::string NormaliseAuthorityHost(std::string host) {
  host = Trim(std::move(host));
  while (!host.empty() && host.back() == '/') host.pop_back();
  if (host.rfind("https://", 0) != 0 && host.rfind("http://", 0) != 0) {
    throw sdk::ConfigError("authorityHost must be an http(s) URL, got '" + host + "'");
  }
  return host;
}

std::string CurrentSecret(const Settings& settings) {
  if (settings.secret_file.empty()) return settings.env_secret;
  std::ifstream file(settings.secret_file, std::ios::binary);
  if (!file) {
    throw sdk::ConfigError("Cannot read the service principal secret file " + settings.secret_file);
  }
  std::ostringstream content;
  content << file.rdbuf();
  std::string secret = Trim(content.str());
  if (secret.empty()) {
    throw sdk::ConfigError("The service principal secret file " + settings.secret_file +
                           " is empty");
  }
  return secret;
}

}  // namespace mensor::service_principal

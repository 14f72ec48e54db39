// Resolving the service principal's identity, tenant, authority and secret source.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace mensor::service_principal {

/// \brief Environment lookup; nullopt when the variable is unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

inline constexpr char kDefaultAuthorityHost[] = "https://login.microsoftonline.com";

/// \brief Configuration keys as the host passed them (nullopt = absent).
struct RawSettings {
  std::optional<std::string> identity_id;
  std::optional<std::string> tenant_id;
  std::optional<std::string> authority_host;
  std::optional<std::string> secret_file_path;
  std::optional<std::string> secret_file_name;
  std::optional<std::string> certificate_path;
};

/// \brief Validated settings. The secret is either in memory (from the environment, which does
/// not change while the process runs) or in a file that is re-read for every token so a rotated
/// Kubernetes secret is picked up. Never log `env_secret`.
struct Settings {
  std::string client_id;
  std::string tenant_id;
  std::string authority_host;  // no trailing slash
  std::string secret_file;     // empty = use env_secret
  std::string env_secret;
  // Certificate authentication instead of a secret when set (PEM or PFX, re-read per token).
  std::string certificate_path;
  std::string certificate_password;  // PROMITOR_AUTH_CERTIFICATE_PASSWORD; never log
};

/// \brief Applies Promitor's rules: identityId or else PROMITOR_AUTH_APPID / AUTH_APPID;
/// tenantId required; with certificatePath, the certificate (and its password from
/// PROMITOR_AUTH_CERTIFICATE_PASSWORD / AZURE_CLIENT_CERTIFICATE_PASSWORD) must load;
/// otherwise secretFilePath and secretFileName both or neither, and the file must
/// exist; otherwise the secret comes from PROMITOR_AUTH_APPKEY / AUTH_APPKEY. Throws
/// sdk::ConfigError with a message that names what is missing and never contains the secret.
Settings ResolveSettings(const RawSettings& raw, const EnvLookup& env);

/// \brief The secret to send now: the file's trimmed content or the environment value. Throws
/// sdk::Error(CONFIG) when the file vanished or is empty.
std::string CurrentSecret(const Settings& settings);

/// \brief The authority host without trailing slashes; ConfigError unless it is an http(s) URL.
std::string NormaliseAuthorityHost(std::string host);

/// \brief Whitespace (including the newline editors and `kubectl create secret` leave) removed
/// from both ends.
std::string Trim(std::string value);

}  // namespace mensor::service_principal

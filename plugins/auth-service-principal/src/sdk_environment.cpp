#include "sdk_environment.hpp"

#include <mensor/sdk/error.hpp>

#include "certificate.hpp"

namespace mensor::service_principal {
namespace {

std::string EnvOr(const EnvLookup& env, const char* name, const std::string& fallback) {
  std::optional<std::string> value = env(name);
  return value && !Trim(*value).empty() ? Trim(*value) : fallback;
}

std::string AuthorityHost(const EnvLookup& env, const EntraDefaults& defaults) {
  return NormaliseAuthorityHost(EnvOr(env, "AZURE_AUTHORITY_HOST", defaults.authority_host));
}

void Require(const std::string& value, const std::string& what, const std::string& source) {
  if (value.empty()) throw sdk::ConfigError(source + " needs " + what);
}

}  // namespace

sdk::Schema EntraDefaultsSchema(const char* identity_description) {
  return sdk::Schema{
      sdk::Key::String("identityId").Describe(identity_description),
      sdk::Key::String("tenantId")
          .Describe("Tenant when AZURE_TENANT_ID is unset (azureMetadata.tenantId)"),
      sdk::Key::String("authorityHost")
          .Default(kDefaultAuthorityHost)
          .Describe("The cloud's authority host when AZURE_AUTHORITY_HOST is unset"),
  };
}

EntraDefaults ReadEntraDefaults(const sdk::Config& config) {
  EntraDefaults defaults;
  defaults.identity_id = config.GetString("identityId").value_or("");
  defaults.tenant_id = config.GetString("tenantId").value_or("");
  const std::string authority = config.GetString("authorityHost").value_or("");
  if (!authority.empty()) defaults.authority_host = authority;
  return defaults;
}

CredentialChoice EnvironmentServicePrincipal(const EnvLookup& env, const EntraDefaults& defaults) {
  const std::string secret = EnvOr(env, "AZURE_CLIENT_SECRET", "");
  const std::string certificate = EnvOr(env, "AZURE_CLIENT_CERTIFICATE_PATH", "");
  if (secret.empty() && certificate.empty()) {
    return {std::nullopt, "AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH are not set"};
  }
  const std::string source =
      "the environment service principal (AZURE_CLIENT_SECRET / "
      "AZURE_CLIENT_CERTIFICATE_PATH)";
  // The environment names the app completely; runtime.yaml's identityId is not mixed in.
  const std::string client_id = EnvOr(env, "AZURE_CLIENT_ID", "");
  const std::string tenant_id = EnvOr(env, "AZURE_TENANT_ID", defaults.tenant_id);
  Require(client_id, "AZURE_CLIENT_ID", source);
  Require(tenant_id, "AZURE_TENANT_ID (or azureMetadata.tenantId)", source);
  std::unique_ptr<ProofSource> proof;
  if (!certificate.empty()) {
    const std::string password = EnvOr(env, "AZURE_CLIENT_CERTIFICATE_PASSWORD", "");
    ClientCertificate::Load(certificate, password);  // fail at start-up, not at first scrape
    proof = MakeCertificateProof(certificate, password, client_id);
  } else {
    Settings settings;
    settings.env_secret = secret;
    proof = MakeSecretProof(std::move(settings));
  }
  return {EntraCredential(AuthorityHost(env, defaults), tenant_id, client_id, std::move(proof)),
          ""};
}

CredentialChoice WorkloadIdentityFromEnvironment(const EnvLookup& env,
                                                 const EntraDefaults& defaults) {
  const std::string token_file = EnvOr(env, "AZURE_FEDERATED_TOKEN_FILE", "");
  if (token_file.empty()) return {std::nullopt, "AZURE_FEDERATED_TOKEN_FILE is not set"};
  const std::string source = "Workload identity (AZURE_FEDERATED_TOKEN_FILE)";
  const std::string client_id =
      defaults.identity_id.empty() ? EnvOr(env, "AZURE_CLIENT_ID", "") : Trim(defaults.identity_id);
  const std::string tenant_id = EnvOr(env, "AZURE_TENANT_ID", defaults.tenant_id);
  Require(client_id, "a client id: AZURE_CLIENT_ID or authentication.identityId", source);
  Require(tenant_id, "a tenant: AZURE_TENANT_ID or azureMetadata.tenantId", source);
  return {EntraCredential(AuthorityHost(env, defaults), tenant_id, client_id,
                          MakeFederatedTokenProof(token_file)),
          ""};
}

}  // namespace mensor::service_principal

// The Azure SDKs' environment variables for Entra credentials: EnvironmentCredential
// (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH) and
// WorkloadIdentityCredential (AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID, AZURE_TENANT_ID).
// AZURE_AUTHORITY_HOST overrides the cloud's authority host in both, as the AKS webhook sets it.
#pragma once

#include <mensor/sdk/config.hpp>
#include <mensor/sdk/schema.hpp>

#include <optional>
#include <string>

#include "entra_credential.hpp"
#include "settings.hpp"

namespace mensor::service_principal {

/// \brief What runtime.yaml / azureMetadata provide when the environment does not.
struct EntraDefaults {
  std::string identity_id;  // authentication.identityId (client id), may be empty
  std::string tenant_id;    // azureMetadata.tenantId
  std::string authority_host = kDefaultAuthorityHost;  // the cloud's
};

/// \brief The keys the host passes to the AZURE_*-driven modes (WorkloadIdentity, SdkDefault):
/// identityId (described by `identity_description`), tenantId and authorityHost.
sdk::Schema EntraDefaultsSchema(const char* identity_description);

/// \brief Those keys read from a mode's configuration.
EntraDefaults ReadEntraDefaults(const sdk::Config& config);

/// \brief Either a ready credential or why this source is not configured here.
struct CredentialChoice {
  std::optional<EntraCredential> credential;
  std::string unavailable_reason;  // set when credential is empty
};

/// \brief EnvironmentCredential. Not configured unless AZURE_CLIENT_SECRET or
/// AZURE_CLIENT_CERTIFICATE_PATH is set; then AZURE_CLIENT_ID and a tenant are required and a
/// broken setting throws sdk::ConfigError.
CredentialChoice EnvironmentServicePrincipal(const EnvLookup& env, const EntraDefaults& defaults);

/// \brief WorkloadIdentityCredential. Not configured unless AZURE_FEDERATED_TOKEN_FILE is set;
/// then a client id (identityId or AZURE_CLIENT_ID) and a tenant (AZURE_TENANT_ID or tenantId)
/// are required, else sdk::ConfigError.
CredentialChoice WorkloadIdentityFromEnvironment(const EnvLookup& env,
                                                 const EntraDefaults& defaults);

}  // namespace mensor::service_principal

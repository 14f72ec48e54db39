// One Entra ID app identity (authority, tenant, client id) and where its proof comes from, turned
// into tokens through the v2 client-credentials flow. Shared by ServicePrincipal,
// WorkloadIdentity and SdkDefault.
#pragma once

#include <mensor/sdk/auth_mode.hpp>
#include <mensor/sdk/call.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "client_credentials.hpp"
#include "settings.hpp"

namespace mensor::service_principal {

/// \brief Produces the proof for each token request, reading files again every time so rotated
/// secrets, certificates and federated tokens are picked up.
class ProofSource {
 public:
  virtual ~ProofSource() = default;
  /// The proof for one request to `token_endpoint` at `now_unix_seconds`. Throws sdk::Error.
  virtual ClientProof Current(std::string_view token_endpoint, int64_t now_unix_seconds) = 0;
  /// What the proof is, for logs ("client secret from the environment", ...). No secrets.
  virtual std::string Describe() const = 0;
};

/// \brief The client secret of `settings` (environment value or secret file).
std::unique_ptr<ProofSource> MakeSecretProof(Settings settings);
/// \brief An RS256 assertion signed with the certificate at `path` (PEM or PFX).
std::unique_ptr<ProofSource> MakeCertificateProof(std::string path, std::string password,
                                                  std::string client_id);
/// \brief The Kubernetes service-account token in `token_file` (AZURE_FEDERATED_TOKEN_FILE).
std::unique_ptr<ProofSource> MakeFederatedTokenProof(std::string token_file);

/// \brief Thread-compatible: the host calls GetToken one at a time per auth-mode instance.
class EntraCredential {
 public:
  EntraCredential(std::string authority_host, std::string tenant_id, std::string client_id,
                  std::unique_ptr<ProofSource> proof);

  /// Throws sdk::Error (UNAUTHENTICATED, THROTTLED, UNAVAILABLE, TIMEOUT) without secrets.
  sdk::Token GetToken(sdk::Call& call, std::string_view scope);

  std::string Describe() const;
  const std::string& client_id() const { return client_id_; }

 private:
  std::string authority_host_;
  std::string tenant_id_;
  std::string client_id_;
  std::unique_ptr<ProofSource> proof_;
};

}  // namespace mensor::service_principal

#include "entra_credential.hpp"

#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>
#include <mensor/sdk/http.hpp>

#include <fstream>

#include "certificate.hpp"
#include "jwt.hpp"

namespace mensor::service_principal {
namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;
// Projected service-account tokens are a few KiB; anything far larger is not one.
constexpr std::streamsize kMaxTokenFileBytes = 64 * 1024;

class SecretProof final : public ProofSource {
 public:
  explicit SecretProof(Settings settings) : settings_(std::move(settings)) {}
  ClientProof Current(std::string_view, int64_t) override {
    return {ClientProof::Kind::kSecret, CurrentSecret(settings_)};
  }
  std::string Describe() const override {
    return settings_.secret_file.empty() ? "a client secret from the environment"
                                         : "a client secret from " + settings_.secret_file;
  }

 private:
  Settings settings_;
};

class CertificateProof final : public ProofSource {
 public:
  CertificateProof(std::string path, std::string password, std::string client_id)
      : path_(std::move(path)), password_(std::move(password)), client_id_(std::move(client_id)) {}
  ClientProof Current(std::string_view token_endpoint, int64_t now) override {
    ClientCertificate certificate = ClientCertificate::Load(path_, password_);
    return {ClientProof::Kind::kAssertion,
            BuildClientAssertion(certificate, client_id_, token_endpoint, now)};
  }
  std::string Describe() const override {
    return "a client assertion signed with the certificate in " + path_;
  }

 private:
  std::string path_;
  std::string password_;
  std::string client_id_;
};

class FederatedTokenProof final : public ProofSource {
 public:
  explicit FederatedTokenProof(std::string file) : file_(std::move(file)) {}
  ClientProof Current(std::string_view, int64_t) override {
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      throw sdk::Error(MENSOR_E_UNAUTHENTICATED,
                       "Cannot read the federated token file " + file_ +
                           " (AZURE_FEDERATED_TOKEN_FILE); is workload identity enabled?");
    }
    std::string token(static_cast<size_t>(kMaxTokenFileBytes) + 1, '\0');
    in.read(token.data(), kMaxTokenFileBytes + 1);
    token.resize(static_cast<size_t>(in.gcount()));
    token = Trim(std::move(token));
    if (token.empty() || token.size() > static_cast<size_t>(kMaxTokenFileBytes)) {
      throw sdk::Error(MENSOR_E_UNAUTHENTICATED,
                       "The federated token file " + file_ + " is empty or larger than 64 KiB");
    }
    return {ClientProof::Kind::kAssertion, std::move(token)};
  }
  std::string Describe() const override {
    return "the federated token in " + file_ + " (re-read for every token)";
  }

 private:
  std::string file_;
};

}  // namespace

std::unique_ptr<ProofSource> MakeSecretProof(Settings settings) {
  return std::make_unique<SecretProof>(std::move(settings));
}

std::unique_ptr<ProofSource> MakeCertificateProof(std::string path, std::string password,
                                                  std::string client_id) {
  return std::make_unique<CertificateProof>(std::move(path), std::move(password),
                                            std::move(client_id));
}

std::unique_ptr<ProofSource> MakeFederatedTokenProof(std::string token_file) {
  return std::make_unique<FederatedTokenProof>(std::move(token_file));
}

EntraCredential::EntraCredential(std::string authority_host, std::string tenant_id,
                                 std::string client_id, std::unique_ptr<ProofSource> proof)
    : authority_host_(std::move(authority_host)),
      tenant_id_(std::move(tenant_id)),
      client_id_(std::move(client_id)),
      proof_(std::move(proof)) {}

std::string EntraCredential::Describe() const {
  return "app " + client_id_ + " in tenant " + tenant_id_ + " via " + authority_host_ + " with " +
         proof_->Describe();
}

sdk::Token EntraCredential::GetToken(sdk::Call& call, std::string_view scope) {
  const std::string endpoint = TokenEndpoint(authority_host_, tenant_id_);
  const ClientProof proof = proof_->Current(endpoint, sdk::host::NowUnixNs() / kNsPerSecond);
  TokenHttpRequest token_request =
      BuildTokenRequest(authority_host_, tenant_id_, client_id_, proof, scope);
  sdk::HttpRequest request;
  request.method = "POST";
  request.url = std::move(token_request.url);
  request.headers = std::move(token_request.headers);
  request.body = std::move(token_request.body);
  sdk::HttpResponse response = sdk::HttpSend(call, request);
  AccessToken token =
      ParseTokenResponse(response.status, response.body, sdk::host::NowUnixNs(), proof.value);
  return sdk::Token{std::move(token.value), token.expires_unix_ns};
}

}  // namespace mensor::service_principal

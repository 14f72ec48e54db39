// SDK glue of library "service-principal": the ServicePrincipal auth mode (Entra ID client
// credentials with a client secret or a certificate) on top of the logic in this folder.
#include <mensor/sdk.hpp>

#include "entra_credential.hpp"
#include "settings.hpp"

namespace mensor::service_principal {

class ServicePrincipal final : public sdk::AuthMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "ServicePrincipal", "",
      "Entra ID application (client id + client secret or certificate) through the v2 "
      "client-credentials flow"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{
        sdk::Key::String("identityId")
            .Describe("Application (client) id; falls back to PROMITOR_AUTH_APPID / AUTH_APPID"),
        sdk::Key::String("tenantId").Describe("Entra tenant id (azureMetadata.tenantId)"),
        sdk::Key::String("authorityHost")
            .Default(kDefaultAuthorityHost)
            .Describe("Entra authority host of the cloud"),
        sdk::Key::String("secretFilePath")
            .Describe("Directory of a file holding the client secret (with secretFileName)"),
        sdk::Key::String("secretFileName")
            .Describe("Name of the secret file in secretFilePath; otherwise the secret comes "
                      "from PROMITOR_AUTH_APPKEY / AUTH_APPKEY"),
        sdk::Key::String("certificatePath")
            .Describe("PEM (certificate + key) or PFX file: authenticate with an RS256 client "
                      "assertion instead of a secret; password in "
                      "PROMITOR_AUTH_CERTIFICATE_PASSWORD"),
    };
    return schema;
  }

  explicit ServicePrincipal(sdk::InitContext& ctx) : credential_(Make(ctx.config())) {
    ctx.logger().Info("ServicePrincipal: " + credential_.Describe());
  }

  sdk::Token GetToken(sdk::Call& call, std::string_view scope) override {
    return credential_.GetToken(call, scope);
  }

 private:
  static EntraCredential Make(const sdk::Config& config) {
    RawSettings raw;
    raw.identity_id = config.GetString("identityId");
    raw.tenant_id = config.GetString("tenantId");
    raw.authority_host = config.GetString("authorityHost");
    raw.secret_file_path = config.GetString("secretFilePath");
    raw.secret_file_name = config.GetString("secretFileName");
    raw.certificate_path = config.GetString("certificatePath");
    Settings settings = ResolveSettings(raw, [](const char* name) { return sdk::host::Env(name); });
    std::unique_ptr<ProofSource> proof =
        settings.certificate_path.empty()
            ? MakeSecretProof(settings)
            : MakeCertificateProof(settings.certificate_path, settings.certificate_password,
                                   settings.client_id);
    return EntraCredential(settings.authority_host, settings.tenant_id, settings.client_id,
                           std::move(proof));
  }

  EntraCredential credential_;
};

}  // namespace mensor::service_principal

MENSOR_PLUGIN("service-principal", "0.1.0", "Entra ID service principal authentication",
              mensor::service_principal::ServicePrincipal);

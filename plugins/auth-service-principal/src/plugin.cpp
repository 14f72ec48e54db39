// SDK glue of library "service-principal": the ServicePrincipal auth mode (Entra ID client
// credentials with a client secret) on top of the logic in this folder.
#include <mensor/sdk.hpp>

#include "client_credentials.hpp"
#include "settings.hpp"

namespace mensor::service_principal {

class ServicePrincipal final : public sdk::AuthMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "ServicePrincipal", "",
      "Entra ID application (client id + client secret) through the v2 client-credentials flow"};

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
    };
    return schema;
  }

  explicit ServicePrincipal(sdk::InitContext& ctx) {
    const sdk::Config& config = ctx.config();
    RawSettings raw;
    raw.identity_id = config.GetString("identityId");
    raw.tenant_id = config.GetString("tenantId");
    raw.authority_host = config.GetString("authorityHost");
    raw.secret_file_path = config.GetString("secretFilePath");
    raw.secret_file_name = config.GetString("secretFileName");
    settings_ = ResolveSettings(raw, [](const char* name) { return sdk::host::Env(name); });
    ctx.logger().Debug(
        "service principal " + settings_.client_id + " in tenant " + settings_.tenant_id + " via " +
        settings_.authority_host + ", secret from " +
        (settings_.secret_file.empty() ? std::string("the environment") : settings_.secret_file));
  }

  sdk::Token GetToken(sdk::Call& call, std::string_view scope) override {
    const std::string secret = CurrentSecret(settings_);
    TokenHttpRequest token_request = BuildTokenRequest(settings_, secret, scope);
    sdk::HttpRequest request;
    request.method = "POST";
    request.url = std::move(token_request.url);
    request.headers = std::move(token_request.headers);
    request.body = std::move(token_request.body);
    sdk::HttpResponse response = sdk::HttpSend(call, request);
    AccessToken token =
        ParseTokenResponse(response.status, response.body, sdk::host::NowUnixNs(), secret);
    return sdk::Token{std::move(token.value), token.expires_unix_ns};
  }

 private:
  Settings settings_;
};

}  // namespace mensor::service_principal

MENSOR_PLUGIN("service-principal", "0.1.0", "Entra ID service principal authentication",
              mensor::service_principal::ServicePrincipal);

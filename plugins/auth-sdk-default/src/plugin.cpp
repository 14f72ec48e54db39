// SDK glue of library "sdk-default": the SdkDefault auth mode, the Azure SDKs' default credential
// chain (environment service principal, workload identity, managed identity) built from the
// other auth libraries' logic, with the configured cloud's authority host (Promitor forgets it).
#include <mensor/sdk.hpp>

#include <optional>
#include <string>

#include "managed_identity_credential.hpp"
#include "sdk_environment.hpp"

namespace mensor::sdk_default {

using managed_identity::IdentitySelector;
using managed_identity::ManagedIdentityCredential;
using service_principal::EntraCredential;
using service_principal::EntraDefaults;

class SdkDefault final : public sdk::AuthMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "SdkDefault", "",
      "The Azure SDKs' default chain: environment service principal (AZURE_CLIENT_SECRET / "
      "AZURE_CLIENT_CERTIFICATE_PATH), workload identity (AZURE_FEDERATED_TOKEN_FILE), managed "
      "identity"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema = service_principal::EntraDefaultsSchema(
        "Client id for workload and managed identity; default AZURE_CLIENT_ID");
    return schema;
  }

  // The links are chosen from the environment alone, once: like the SDKs, a link that is
  // configured but fails is an error, not a reason to fall through to the next one.
  explicit SdkDefault(sdk::InitContext& ctx) : logger_(ctx.logger()) {
    const auto env = [](const char* name) { return sdk::host::Env(name); };
    const EntraDefaults defaults = service_principal::ReadEntraDefaults(ctx.config());

    auto environment = service_principal::EnvironmentServicePrincipal(
        env, {"", defaults.tenant_id, defaults.authority_host});
    if (environment.credential) {
      entra_.emplace(std::move(*environment.credential));
      link_ = "EnvironmentCredential: " + entra_->Describe();
    } else {
      skipped_ = "EnvironmentCredential skipped (" + environment.unavailable_reason + ")";
      auto workload = service_principal::WorkloadIdentityFromEnvironment(env, defaults);
      if (workload.credential) {
        entra_.emplace(std::move(*workload.credential));
        link_ = "WorkloadIdentityCredential: " + entra_->Describe();
      } else {
        skipped_ += "; WorkloadIdentityCredential skipped (" + workload.unavailable_reason + ")";
        // As DefaultAzureCredential does, AZURE_CLIENT_ID picks a user-assigned identity.
        std::string client_id = defaults.identity_id;
        if (client_id.empty()) client_id = env("AZURE_CLIENT_ID").value_or("");
        IdentitySelector identity;
        if (!client_id.empty()) identity = {IdentitySelector::Kind::kClientId, client_id};
        managed_.emplace(std::move(identity), logger_);
        link_ = "ManagedIdentityCredential: " + managed_->Describe();
      }
    }
    logger_.Info("SdkDefault will use " + link_ + (skipped_.empty() ? "" : "; " + skipped_));
  }

  sdk::Token GetToken(sdk::Call& call, std::string_view scope) override {
    sdk::Token token;
    try {
      token = entra_ ? entra_->GetToken(call, scope) : managed_->GetToken(call, scope);
    } catch (const sdk::Error& error) {
      throw sdk::Error(error.code(), "SdkDefault (" + LinkName() + "): " + error.what());
    }
    if (!answered_) {
      answered_ = true;
      logger_.Info("SdkDefault: " + LinkName() + " answered");
    }
    return token;
  }

 private:
  std::string LinkName() const { return link_.substr(0, link_.find(':')); }

  sdk::Logger logger_;
  std::optional<EntraCredential> entra_;
  std::optional<ManagedIdentityCredential> managed_;
  std::string link_;
  std::string skipped_;
  bool answered_ = false;
};

}  // namespace mensor::sdk_default

MENSOR_PLUGIN("sdk-default", "0.1.0", "Azure SDK default credential chain",
              mensor::sdk_default::SdkDefault);

// SDK glue of library "workload-identity": the WorkloadIdentity auth mode (AKS workload identity:
// a projected Kubernetes service-account token exchanged at Entra ID as a client assertion).
// The exchange is the service-principal library's Entra logic with a federated-token proof.
#include <mensor/sdk.hpp>

#include "sdk_environment.hpp"

namespace mensor::workload_identity {

using service_principal::EntraCredential;

class WorkloadIdentity final : public sdk::AuthMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "WorkloadIdentity", "",
      "AKS workload identity: AZURE_FEDERATED_TOKEN_FILE (re-read for every token) exchanged at "
      "Entra ID for AZURE_CLIENT_ID in AZURE_TENANT_ID"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema = service_principal::EntraDefaultsSchema(
        "Client id of the federated app or identity; default AZURE_CLIENT_ID");
    return schema;
  }

  explicit WorkloadIdentity(sdk::InitContext& ctx) : credential_(Make(ctx.config())) {
    ctx.logger().Info("WorkloadIdentity: " + credential_.Describe());
  }

  sdk::Token GetToken(sdk::Call& call, std::string_view scope) override {
    return credential_.GetToken(call, scope);
  }

 private:
  static EntraCredential Make(const sdk::Config& config) {
    auto choice = service_principal::WorkloadIdentityFromEnvironment(
        [](const char* name) { return sdk::host::Env(name); },
        service_principal::ReadEntraDefaults(config));
    if (!choice.credential) {
      throw sdk::ConfigError(
          "WorkloadIdentity needs AZURE_FEDERATED_TOKEN_FILE (set by the AKS "
          "workload identity webhook): " +
          choice.unavailable_reason);
    }
    return std::move(*choice.credential);
  }

  EntraCredential credential_;
};

}  // namespace mensor::workload_identity

MENSOR_PLUGIN("workload-identity", "0.1.0", "AKS workload identity authentication",
              mensor::workload_identity::WorkloadIdentity);

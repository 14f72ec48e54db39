// SDK glue of library "managed-identity": SystemAssignedManagedIdentity and
// UserAssignedManagedIdentity on top of the protocol logic in this folder.
#include <mensor/sdk.hpp>

#include "managed_identity_credential.hpp"

namespace mensor::managed_identity {
namespace {

sdk::Schema MakeSchema(const char* identity_description) {
  return sdk::Schema{
      sdk::Key::String("identityId").Describe(identity_description),
      sdk::Key::String("identityIdType")
          .Describe("How to read identityId: ClientId (default), ObjectId or ResourceId "
                    "(default for ids starting with /subscriptions/)"),
      sdk::Key::String("tenantId").Describe("Tenant of the identity (informational)"),
      sdk::Key::String("authorityHost")
          .Describe("Entra authority of the cloud (informational: the endpoint issues tokens)"),
  };
}

// Shared behaviour of both modes; they differ only in which identity they ask for.
class ManagedIdentityMode : public sdk::AuthMode {
 public:
  sdk::Token GetToken(sdk::Call& call, std::string_view scope) override {
    return credential_.GetToken(call, scope);
  }

 protected:
  ManagedIdentityMode(sdk::InitContext& ctx, IdentitySelector identity)
      : credential_(std::move(identity), ctx.logger()) {
    ctx.logger().Info("managed identity tokens come from " + credential_.Describe());
  }

 private:
  ManagedIdentityCredential credential_;
};

}  // namespace

class SystemAssignedManagedIdentity final : public ManagedIdentityMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "SystemAssignedManagedIdentity", "",
      "The system-assigned managed identity of the VM, App Service or container (IMDS or the "
      "App Service identity endpoint)"};
  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema =
        MakeSchema("Ignored: a system-assigned identity has no client id");
    return schema;
  }
  explicit SystemAssignedManagedIdentity(sdk::InitContext& ctx)
      : ManagedIdentityMode(ctx, IdentitySelector{}) {
    if (auto id = ctx.config().GetString("identityId"); id && !id->empty()) {
      ctx.logger().Warn("identityId is ignored by SystemAssignedManagedIdentity");
    }
  }
};

class UserAssignedManagedIdentity final : public ManagedIdentityMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "UserAssignedManagedIdentity", "",
      "A user-assigned managed identity selected by its client id, object id or resource id "
      "(identityId, identityIdType); without one the environment chooses, e.g. AAD Pod "
      "Identity"};
  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema = MakeSchema(
        "Client id (or object / resource id, see identityIdType) of the "
        "user-assigned identity; empty lets the environment choose");
    return schema;
  }
  explicit UserAssignedManagedIdentity(sdk::InitContext& ctx)
      : ManagedIdentityMode(
            ctx, ParseIdentitySelector(ctx.config().GetString("identityId").value_or(""),
                                       ctx.config().GetString("identityIdType").value_or(""))) {}
};

}  // namespace mensor::managed_identity

MENSOR_PLUGIN("managed-identity", "0.1.0", "Azure managed identity authentication",
              mensor::managed_identity::SystemAssignedManagedIdentity,
              mensor::managed_identity::UserAssignedManagedIdentity);

// Building the managed-identity token request for the environment the agent runs in.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::managed_identity {

/// \brief Which managed-identity protocol serves tokens here.
enum class EndpointKind { kAppService, kImds, kArc };

/// \brief Human-readable name used in error messages ("IMDS", "App Service identity endpoint").
std::string_view EndpointKindName(EndpointKind kind);

/// \brief Environment lookup; nullopt when the variable is unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

/// \brief Which identity to ask for: the system-assigned one, or a user-assigned one by client
/// id, object (principal) id or ARM resource id.
struct IdentitySelector {
  enum class Kind { kSystem, kClientId, kObjectId, kResourceId };
  Kind kind = Kind::kSystem;
  std::string value;
};

/// \brief `identity_id` interpreted as `type` ("ClientId", "ObjectId", "ResourceId", any case;
/// empty = ClientId, or ResourceId when the id starts with "/subscriptions/"). An empty id is
/// the system-assigned (or environment-chosen) identity. Throws sdk::ConfigError for an unknown
/// type or a resource id that does not look like one.
IdentitySelector ParseIdentitySelector(std::string_view identity_id, std::string_view type);

/// \brief "client id X", "object id X", "resource id X" or "no identity selector".
std::string DescribeSelector(const IdentitySelector& selector);

/// \brief A fully built GET request for a token. Holds no secret except the App Service
/// identity header, which callers must never log.
struct TokenRequest {
  EndpointKind kind = EndpointKind::kImds;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
};

inline constexpr std::string_view kDefaultImdsHost = "http://169.254.169.254";

/// \brief "https://management.azure.com/.default" -> "https://management.azure.com/".
/// Managed-identity endpoints take a v1 resource, not a v2 scope; the trailing slash is kept
/// (as Azure CLI does) because it is part of the audience IMDS issues tokens for.
std::string ScopeToResource(std::string_view scope);

/// \brief Chooses the protocol from the environment (App Service when IDENTITY_ENDPOINT and
/// IDENTITY_HEADER are both set; Azure Arc's HIMDS when IDENTITY_ENDPOINT and IMDS_ENDPOINT are
/// set without IDENTITY_HEADER, system-assigned only (throws sdk::Error UNAUTHENTICATED for a
/// selector); IMDS otherwise; AZURE_POD_IDENTITY_AUTHORITY_HOST overrides
/// the IMDS host as Azure SDKs do for AAD Pod Identity) and builds the request. The selector is
/// sent as client_id, object_id or msi_res_id (IMDS) / mi_res_id (App Service).
TokenRequest BuildTokenRequest(const EnvLookup& env, std::string_view scope,
                               const IdentitySelector& identity);
/// \brief Shorthand: a client id, or the system-assigned identity when empty.
TokenRequest BuildTokenRequest(const EnvLookup& env, std::string_view scope,
                               std::string_view client_id);

}  // namespace mensor::managed_identity

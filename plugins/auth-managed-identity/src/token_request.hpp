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
enum class EndpointKind { kAppService, kImds };

/// \brief Human-readable name used in error messages ("IMDS", "App Service identity endpoint").
std::string_view EndpointKindName(EndpointKind kind);

/// \brief Environment lookup; nullopt when the variable is unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

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
/// IDENTITY_HEADER are both set, IMDS otherwise; AZURE_POD_IDENTITY_AUTHORITY_HOST overrides
/// the IMDS host as Azure SDKs do for AAD Pod Identity) and builds the request. An empty
/// client_id selects the system-assigned (or environment-chosen) identity.
TokenRequest BuildTokenRequest(const EnvLookup& env, std::string_view scope,
                               std::string_view client_id);

}  // namespace mensor::managed_identity

#include "token_request.hpp"

#include <mensor/sdk/azure/url.hpp>
#include <mensor/sdk/error.hpp>

namespace mensor::managed_identity {
namespace {

using sdk::azure::PercentEncode;

constexpr std::string_view kDefaultSuffix = "/.default";

bool NonEmpty(const std::optional<std::string>& value) { return value && !value->empty(); }

bool EqualsAsciiIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The query parameter naming the identity; the two protocols differ only for resource ids.
std::string SelectorParameter(const IdentitySelector& identity, EndpointKind kind) {
  using Kind = IdentitySelector::Kind;
  const char* name = nullptr;
  switch (identity.kind) {
    case Kind::kSystem:
      return {};
    case Kind::kClientId:
      name = "client_id";
      break;
    case Kind::kObjectId:
      name = "object_id";
      break;
    case Kind::kResourceId:
      name = kind == EndpointKind::kImds ? "msi_res_id" : "mi_res_id";
      break;
  }
  return std::string("&") + name + "=" + PercentEncode(identity.value);
}

std::string TrimTrailingSlashes(std::string value) {
  while (!value.empty() && value.back() == '/') value.pop_back();
  return value;
}

}  // namespace

std::string_view EndpointKindName(EndpointKind kind) {
  switch (kind) {
    case EndpointKind::kAppService:
      return "App Service identity endpoint";
    case EndpointKind::kArc:
      return "Azure Arc identity endpoint";
    case EndpointKind::kImds:
      break;
  }
  return "IMDS";
}

std::string ScopeToResource(std::string_view scope) {
  if (scope.size() >= kDefaultSuffix.size() &&
      scope.substr(scope.size() - kDefaultSuffix.size()) == kDefaultSuffix) {
    scope.remove_suffix(kDefaultSuffix.size() - 1);  // keep the '/'
  }
  return std::string(scope);
}

IdentitySelector ParseIdentitySelector(std::string_view identity_id, std::string_view type) {
  using Kind = IdentitySelector::Kind;
  identity_id = TrimSpaces(identity_id);
  type = TrimSpaces(type);
  IdentitySelector selector;
  if (type.empty()) {
    selector.kind = EqualsAsciiIgnoreCase(identity_id.substr(0, 15), "/subscriptions/")
                        ? Kind::kResourceId
                        : Kind::kClientId;
  } else if (EqualsAsciiIgnoreCase(type, "ClientId")) {
    selector.kind = Kind::kClientId;
  } else if (EqualsAsciiIgnoreCase(type, "ObjectId") ||
             EqualsAsciiIgnoreCase(type, "PrincipalId")) {
    selector.kind = Kind::kObjectId;
  } else if (EqualsAsciiIgnoreCase(type, "ResourceId")) {
    selector.kind = Kind::kResourceId;
  } else {
    throw sdk::ConfigError("identityIdType '" + std::string(type) +
                           "' is not one of ClientId, ObjectId, ResourceId");
  }
  if (identity_id.empty()) return IdentitySelector{};
  if (selector.kind == Kind::kResourceId &&
      !EqualsAsciiIgnoreCase(identity_id.substr(0, 15), "/subscriptions/")) {
    throw sdk::ConfigError("identityId '" + std::string(identity_id) +
                           "' is not an ARM resource id (/subscriptions/.../userAssignedIdentities/"
                           "NAME)");
  }
  selector.value = std::string(identity_id);
  return selector;
}

std::string DescribeSelector(const IdentitySelector& selector) {
  switch (selector.kind) {
    case IdentitySelector::Kind::kSystem:
      return "no identity selector";
    case IdentitySelector::Kind::kClientId:
      return "client id " + selector.value;
    case IdentitySelector::Kind::kObjectId:
      return "object id " + selector.value;
    case IdentitySelector::Kind::kResourceId:
      return "resource id " + selector.value;
  }
  return {};
}

TokenRequest BuildTokenRequest(const EnvLookup& env, std::string_view scope,
                               std::string_view client_id) {
  IdentitySelector selector;
  if (!client_id.empty()) selector = {IdentitySelector::Kind::kClientId, std::string(client_id)};
  return BuildTokenRequest(env, scope, selector);
}

TokenRequest BuildTokenRequest(const EnvLookup& env, std::string_view scope,
                               const IdentitySelector& identity) {
  const std::string resource = PercentEncode(ScopeToResource(scope));

  TokenRequest request;
  std::optional<std::string> endpoint = env("IDENTITY_ENDPOINT");
  std::optional<std::string> identity_header = env("IDENTITY_HEADER");
  if (NonEmpty(endpoint) && NonEmpty(identity_header)) {
    request.kind = EndpointKind::kAppService;
    const char separator = endpoint->find('?') == std::string::npos ? '?' : '&';
    request.url = *endpoint + separator + "api-version=2019-08-01&resource=" + resource +
                  SelectorParameter(identity, request.kind);
    request.headers.emplace_back("X-IDENTITY-HEADER", *identity_header);
    return request;
  }

  if (NonEmpty(endpoint) && NonEmpty(env("IMDS_ENDPOINT"))) {
    if (identity.kind != IdentitySelector::Kind::kSystem) {
      throw sdk::Error(MENSOR_E_UNAUTHENTICATED,
                       "Azure Arc servers have only a system-assigned identity; remove "
                       "identityId or use SystemAssignedManagedIdentity");
    }
    request.kind = EndpointKind::kArc;
    const char separator = endpoint->find('?') == std::string::npos ? '?' : '&';
    request.url = *endpoint + separator + "api-version=2019-11-01&resource=" + resource;
    request.headers.emplace_back("Metadata", "true");
    return request;
  }

  std::optional<std::string> pod_identity_host = env("AZURE_POD_IDENTITY_AUTHORITY_HOST");
  std::string host = NonEmpty(pod_identity_host) ? TrimTrailingSlashes(*pod_identity_host)
                                                 : std::string(kDefaultImdsHost);
  request.kind = EndpointKind::kImds;
  request.url = host +
                "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=" + resource +
                SelectorParameter(identity, request.kind);
  request.headers.emplace_back("Metadata", "true");
  return request;
}

}  // namespace mensor::managed_identity

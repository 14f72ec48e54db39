#include "token_request.hpp"

#include <mensor/sdk/azure/url.hpp>

namespace mensor::managed_identity {
namespace {

using sdk::azure::PercentEncode;

constexpr std::string_view kDefaultSuffix = "/.default";

bool NonEmpty(const std::optional<std::string>& value) { return value && !value->empty(); }

std::string TrimTrailingSlashes(std::string value) {
  while (!value.empty() && value.back() == '/') value.pop_back();
  return value;
}

}  // namespace

std::string_view EndpointKindName(EndpointKind kind) {
  return kind == EndpointKind::kAppService ? "App Service identity endpoint" : "IMDS";
}

std::string ScopeToResource(std::string_view scope) {
  if (scope.size() >= kDefaultSuffix.size() &&
      scope.substr(scope.size() - kDefaultSuffix.size()) == kDefaultSuffix) {
    scope.remove_suffix(kDefaultSuffix.size() - 1);  // keep the '/'
  }
  return std::string(scope);
}

TokenRequest BuildTokenRequest(const EnvLookup& env, std::string_view scope,
                               std::string_view client_id) {
  const std::string resource = PercentEncode(ScopeToResource(scope));
  std::string client_param;
  if (!client_id.empty()) client_param = "&client_id=" + PercentEncode(client_id);

  TokenRequest request;
  std::optional<std::string> endpoint = env("IDENTITY_ENDPOINT");
  std::optional<std::string> identity_header = env("IDENTITY_HEADER");
  if (NonEmpty(endpoint) && NonEmpty(identity_header)) {
    request.kind = EndpointKind::kAppService;
    const char separator = endpoint->find('?') == std::string::npos ? '?' : '&';
    request.url =
        *endpoint + separator + "api-version=2019-08-01&resource=" + resource + client_param;
    request.headers.emplace_back("X-IDENTITY-HEADER", *identity_header);
    return request;
  }

  std::optional<std::string> pod_identity_host = env("AZURE_POD_IDENTITY_AUTHORITY_HOST");
  std::string host = NonEmpty(pod_identity_host) ? TrimTrailingSlashes(*pod_identity_host)
                                                 : std::string(kDefaultImdsHost);
  request.kind = EndpointKind::kImds;
  request.url = host +
                "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=" + resource +
                client_param;
  request.headers.emplace_back("Metadata", "true");
  return request;
}

}  // namespace mensor::managed_identity

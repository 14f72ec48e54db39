// The Entra ID v2 client-credentials exchange: request building and response interpretation.
#pragma once

#include <mensor/sdk/azure/token_response.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "settings.hpp"

namespace mensor::service_principal {

/// \brief A token POST. The body holds the secret: never log it.
struct TokenHttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

using sdk::azure::AccessToken;

/// \brief POST {authorityHost}/{tenant}/oauth2/v2.0/token with client_id, client_secret, scope
/// and grant_type=client_credentials.
TokenHttpRequest BuildTokenRequest(const Settings& settings, std::string_view secret,
                                   std::string_view scope);

/// \brief Reads a 200 response's access_token and expires_in (number or string). Any other
/// status throws sdk::Error: UNAUTHENTICATED for rejected credentials ("Entra ID rejected the
/// client credentials: invalid_client (AADSTS7000215): ..."), THROTTLED for 429, UNAVAILABLE
/// for 5xx and temporarily_unavailable. `secret` is redacted from any message as a last line of
/// defence; the token never appears in one.
AccessToken ParseTokenResponse(int status, std::string_view body, int64_t now_unix_ns,
                               std::string_view secret);

}  // namespace mensor::service_principal

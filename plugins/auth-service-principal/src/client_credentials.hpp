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

/// \brief How the app proves who it is in one token request: a client secret, or a signed JWT
/// (a certificate assertion or a federated token). `value` is secret: never log it.
struct ClientProof {
  enum class Kind { kSecret, kAssertion };
  Kind kind = Kind::kSecret;
  std::string value;
};

/// \brief A token POST. The body holds the secret: never log it.
struct TokenHttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

using sdk::azure::AccessToken;

/// \brief {authorityHost}/{tenant}/oauth2/v2.0/token (also a certificate assertion's `aud`).
std::string TokenEndpoint(std::string_view authority_host, std::string_view tenant_id);

/// \brief POST to TokenEndpoint with client_id, scope, grant_type=client_credentials and either
/// client_secret or client_assertion_type (jwt-bearer) + client_assertion.
TokenHttpRequest BuildTokenRequest(std::string_view authority_host, std::string_view tenant_id,
                                   std::string_view client_id, const ClientProof& proof,
                                   std::string_view scope);

/// \brief Reads a 200 response's access_token and expires_in (number or string). Any other
/// status throws sdk::Error: UNAUTHENTICATED for rejected credentials ("Entra ID rejected the
/// client credentials: invalid_client (AADSTS7000215): ..."), THROTTLED for 429, UNAVAILABLE
/// for 5xx and temporarily_unavailable. `secret` (the secret or assertion) is redacted from any
/// message as a last line of defence; the token never appears in one.
AccessToken ParseTokenResponse(int status, std::string_view body, int64_t now_unix_ns,
                               std::string_view secret);

}  // namespace mensor::service_principal

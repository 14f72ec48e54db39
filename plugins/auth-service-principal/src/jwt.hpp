// The client assertion JWT Entra ID accepts in place of a client secret
// (learn.microsoft.com/entra/identity-platform/certificate-credentials).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "certificate.hpp"

namespace mensor::service_principal {

/// \brief RFC 4648 §5 base64url without padding.
std::string Base64UrlEncode(std::string_view data);

/// \brief 16 random bytes as a GUID string (jti).
std::string RandomGuid();

/// \brief A signed RS256 assertion: header {alg, typ, x5t}, claims aud = `token_endpoint`,
/// iss = sub = `client_id`, a fresh jti, nbf = iat = now, exp = now + 10 minutes.
std::string BuildClientAssertion(const ClientCertificate& certificate, std::string_view client_id,
                                 std::string_view token_endpoint, int64_t now_unix_seconds);

}  // namespace mensor::service_principal

// Managed-identity token sources: the VM/VMSS IMDS endpoint and the App Service identity endpoint.
#pragma once

#include <string>

#include "http_types.hpp"
#include "token.hpp"

namespace mensor::sim {

// GET /metadata/identity/oauth2/token (IMDS, header `Metadata: true`).
SimResponse HandleImdsToken(const SimRequest& request, const TokenIssuer& issuer, TimePoint now);

// GET /msi/token (App Service, header `X-IDENTITY-HEADER: <secret>`).
SimResponse HandleAppServiceToken(const SimRequest& request, const TokenIssuer& issuer,
                                  const std::string& identity_header, TimePoint now);

// Error body in the IMDS shape {"error","error_description"}; faults reuse it.
SimResponse ImdsError(int status, std::string error, std::string description);

}  // namespace mensor::sim

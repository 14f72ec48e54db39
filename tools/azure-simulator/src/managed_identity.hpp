// Managed-identity token sources: the VM/VMSS IMDS endpoint and the App Service identity endpoint.
#pragma once

#include <set>
#include <string>

#include "http_types.hpp"
#include "token.hpp"

namespace mensor::sim {

// GET /metadata/identity/oauth2/token (IMDS, header `Metadata: true`).
SimResponse HandleImdsToken(const SimRequest& request, const TokenIssuer& issuer, TimePoint now);

// GET /msi/token (App Service, header `X-IDENTITY-HEADER: <secret>`).
SimResponse HandleAppServiceToken(const SimRequest& request, const TokenIssuer& issuer,
                                  const std::string& identity_header, TimePoint now);

// Azure Arc's HIMDS (GET /arc/metadata/identity/oauth2/token, api-version 2019-11-01): a request
// without Authorization gets 401 and `WWW-Authenticate: Basic realm=<key file>`; the key file's
// content sent back as `Authorization: Basic <content>` gets the token, once per key.
class ArcIdentityEndpoint {
 public:
  explicit ArcIdentityEndpoint(std::string key_directory)
      : key_directory_(std::move(key_directory)) {}
  bool enabled() const { return !key_directory_.empty(); }
  SimResponse Handle(const SimRequest& request, const TokenIssuer& issuer, TimePoint now);

 private:
  std::string key_directory_;
  std::set<std::string> issued_keys_;
};

// Error body in the IMDS shape {"error","error_description"}; faults reuse it.
SimResponse ImdsError(int status, std::string error, std::string description);

}  // namespace mensor::sim

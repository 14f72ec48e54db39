// Microsoft Entra ID v2 token endpoint: POST /{tenant}/oauth2/v2.0/token, client credentials.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http_types.hpp"
#include "token.hpp"

namespace mensor::sim {

struct ClientRegistration {
  std::string client_id;
  std::string secret;
};

struct EntraError {
  int status;
  std::string error;  // OAuth error: invalid_client, invalid_scope, …
  int code;           // AADSTS number.
  std::string description;
};

// The documented AADSTS body: error, error_description with Trace/Correlation/Timestamp lines,
// error_codes, timestamp, trace_id, correlation_id, error_uri.
SimResponse EntraErrorResponse(const EntraError& error, const SimRequest& request, TimePoint now);

class EntraEndpoint {
 public:
  EntraEndpoint(const TokenIssuer& issuer, std::vector<ClientRegistration> clients);

  SimResponse Handle(const SimRequest& request, std::string_view tenant, TimePoint now) const;

 private:
  // The client's proof of identity, as presented in the form or an HTTP Basic header.
  struct Credential {
    enum class Kind { kNone, kSecret, kAssertion } kind = Kind::kNone;
    std::string client_id;  // From Basic auth when the form had none.
    std::string value;
  };

  static Credential ReadCredential(const SimRequest& request, const FieldList& form);
  // Returns an error to send, or nothing when the credential proves the client's identity.
  // Client assertions (certificates, workload identity) become another branch here.
  std::optional<EntraError> Authenticate(const ClientRegistration& client,
                                         const Credential& credential) const;
  const ClientRegistration* FindClient(std::string_view client_id) const;

  const TokenIssuer& issuer_;
  std::vector<ClientRegistration> clients_;
};

}  // namespace mensor::sim

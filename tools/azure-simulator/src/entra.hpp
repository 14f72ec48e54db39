// Microsoft Entra ID v2 token endpoint: POST /{tenant}/oauth2/v2.0/token, client credentials.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "client_assertion.hpp"
#include "http_types.hpp"
#include "token.hpp"

namespace mensor::sim {

// An app registration and the credentials it accepts; an empty secret accepts none.
struct ClientRegistration {
  std::string client_id;
  std::string secret;
  std::vector<Certificate> certificates;
  std::vector<FederatedCredential> federated;
};

// The documented AADSTS body: error, error_description with Trace/Correlation/Timestamp lines,
// error_codes, timestamp, trace_id, correlation_id, error_uri.
SimResponse EntraErrorResponse(const EntraError& error, const SimRequest& request, TimePoint now);

class EntraEndpoint {
 public:
  EntraEndpoint(const TokenIssuer& issuer, std::vector<ClientRegistration> clients);

  // Not const: it remembers accepted assertions (see accepted()). Callers serialise calls.
  SimResponse Handle(const SimRequest& request, std::string_view tenant, TimePoint now);
  // The newest accepted client assertions, oldest first (bounded).
  const std::deque<AcceptedAssertion>& accepted() const { return accepted_; }
  void ClearAccepted() { accepted_.clear(); }

 private:
  // The client's proof of identity, as presented in the form or an HTTP Basic header.
  struct Credential {
    enum class Kind { kNone, kSecret, kAssertion } kind = Kind::kNone;
    std::string client_id;  // From Basic auth when the form had none.
    std::string value;
  };

  static Credential ReadCredential(const SimRequest& request, const FieldList& form);
  // Returns an error to send, or nothing when the credential proves the client's identity.
  std::optional<EntraError> Authenticate(const ClientRegistration& client,
                                         const Credential& credential, const SimRequest& request,
                                         const FieldList& form, std::string_view tenant,
                                         TimePoint now);
  const ClientRegistration* FindClient(std::string_view client_id) const;

  const TokenIssuer& issuer_;
  std::vector<ClientRegistration> clients_;
  std::deque<AcceptedAssertion> accepted_;
};

}  // namespace mensor::sim

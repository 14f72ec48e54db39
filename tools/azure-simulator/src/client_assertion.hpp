// Client assertions at the Entra v2 token endpoint: RS256 JWTs signed with a registered
// certificate (service principal with certificate) and federated tokens from a trusted issuer
// (AKS workload identity), checked as strictly as Entra does.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "crypto.hpp"
#include "http_types.hpp"
#include "token.hpp"

namespace mensor::sim {

inline constexpr std::string_view kJwtBearerAssertionType =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
// The audience AKS workload identity's projected service-account tokens carry.
inline constexpr std::string_view kTokenExchangeAudience = "api://AzureADTokenExchange";
// The simulator doubles as the OIDC issuer of a Kubernetes cluster's service-account tokens.
inline constexpr std::string_view kSimOidcIssuer = "https://oidc.mensor-sim.local/cluster/";

// A federated identity credential of an app: tokens from `issuer` about `subject` for `audience`.
struct FederatedCredential {
  std::string issuer;
  std::string subject;
  std::string audience = std::string(kTokenExchangeAudience);
};

struct EntraError {
  int status;
  std::string error;  // OAuth error: invalid_client, invalid_scope, …
  int code;           // AADSTS number.
  std::string description;
};

// What an accepted assertion was, for the control API (never the assertion itself).
struct AcceptedAssertion {
  std::string kind;  // "certificate" or "federated"
  std::string client_id;
  std::string subject;
  std::string jti;
};

struct AssertionContext {
  std::string client_id;
  std::vector<Certificate> certificates;
  std::vector<FederatedCredential> federated;
  // The token endpoint URL the request reached: a certificate assertion's `aud`.
  std::string token_endpoint;
  const TokenIssuer* oidc_issuer = nullptr;  // verifies federated tokens' signatures
  TimePoint now;
};

// Checks `assertion_type` and the assertion; returns the error to send or what was accepted.
std::variant<EntraError, AcceptedAssertion> CheckClientAssertion(const AssertionContext& context,
                                                                 std::optional<std::string> type,
                                                                 std::string_view assertion);

// A federated token as the cluster's OIDC issuer would project it into a pod.
std::string IssueFederatedToken(const TokenIssuer& issuer, std::string_view issuer_url,
                                std::string_view subject, std::string_view audience, TimePoint now,
                                std::chrono::seconds lifetime, std::string* jti);

}  // namespace mensor::sim

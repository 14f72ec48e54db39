// JWT-shaped bearer tokens signed with HMAC-SHA256 under a per-process key. Real Azure uses RS256;
// clients treat tokens as opaque, so a symmetric signature is enough to detect tampering.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http_types.hpp"

namespace mensor::sim {

inline constexpr std::string_view kSimTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

struct TokenSubject {
  std::string tenant_id;
  std::string app_id;     // Client id of the app or managed identity.
  std::string object_id;  // Service principal object id.
};

struct TokenClaims {
  std::string audience;
  std::string issuer;
  std::string tenant_id;
  std::string app_id;
  std::string object_id;
  TimePoint issued_at;
  TimePoint not_before;
  TimePoint expires_at;
};

enum class TokenStatus { kValid, kMalformed, kBadSignature, kExpired, kNotYetValid };

struct TokenValidation {
  TokenStatus status = TokenStatus::kMalformed;
  TokenClaims claims;  // Filled whenever the signature checked out.
};

class TokenIssuer {
 public:
  explicit TokenIssuer(std::chrono::seconds lifetime);  // Random signing key.
  TokenIssuer(std::string key, std::chrono::seconds lifetime);

  std::chrono::seconds lifetime() const { return lifetime_; }
  // `lifetime` overrides the configured one (the control API mints short-lived tokens).
  std::string Issue(const TokenSubject& subject, std::string_view audience, TimePoint now,
                    std::optional<std::chrono::seconds> lifetime = std::nullopt) const;
  TokenValidation Validate(std::string_view token, TimePoint now) const;
  // Any HS256 JWT under this issuer's key (federated tokens use it too), and the check.
  std::string SignJwt(std::string_view header_json, std::string_view payload_json) const;
  bool VerifySignature(std::string_view signing_input, std::string_view signature) const;

 private:
  std::string key_;
  std::chrono::seconds lifetime_;
};

}  // namespace mensor::sim

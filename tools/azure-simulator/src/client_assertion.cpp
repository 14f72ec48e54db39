#include "client_assertion.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "iso8601.hpp"

namespace mensor::sim {

namespace {

// Entra tolerates five minutes of clock skew on assertions, as on its own tokens.
constexpr std::chrono::seconds kSkew{300};

struct Jwt {
  nlohmann::json header;
  nlohmann::json payload;
  std::string signing_input;
  std::string signature;
};

EntraError Malformed(const std::string& why) {
  return {400, "invalid_request", 50027, "JWT token is invalid or malformed. " + why};
}

std::variant<EntraError, Jwt> ParseJwt(std::string_view text) {
  const auto first = text.find('.');
  const auto second = first == std::string_view::npos ? first : text.find('.', first + 1);
  if (second == std::string_view::npos || text.find('.', second + 1) != std::string_view::npos) {
    return Malformed("A JWT has three base64url parts separated by '.'.");
  }
  const auto header = Base64UrlDecode(text.substr(0, first));
  const auto payload = Base64UrlDecode(text.substr(first + 1, second - first - 1));
  const auto signature = Base64UrlDecode(text.substr(second + 1));
  if (!header || !payload || !signature || signature->empty()) {
    return Malformed("A part is not base64url or the signature is empty.");
  }
  Jwt jwt;
  jwt.header = nlohmann::json::parse(*header, nullptr, false);
  jwt.payload = nlohmann::json::parse(*payload, nullptr, false);
  if (!jwt.header.is_object() || !jwt.payload.is_object()) {
    return Malformed("The header or the payload is not a JSON object.");
  }
  jwt.signing_input = std::string(text.substr(0, second));
  jwt.signature = *signature;
  return jwt;
}

std::string Claim(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<TimePoint> TimeClaim(const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end() || !it->is_number()) return std::nullopt;
  return TimePoint(std::chrono::seconds(it->get<int64_t>()));
}

// exp is required; nbf optional; both with Entra's skew.
std::optional<EntraError> CheckValidity(const nlohmann::json& payload, TimePoint now) {
  const auto expires = TimeClaim(payload, "exp");
  if (!expires) return Malformed("The assertion has no numeric 'exp' claim.");
  const auto not_before = TimeClaim(payload, "nbf");
  if (now >= *expires + kSkew || (not_before && now + kSkew < *not_before)) {
    return EntraError{400, "invalid_client", 700024,
                      "Client assertion is not within its valid time range. Current time: " +
                          FormatIsoTimestamp(now) +
                          ", assertion valid until: " + FormatIsoTimestamp(*expires) + "."};
  }
  return std::nullopt;
}

// A certificate assertion: RS256, iss = sub = client id, aud = the token endpoint, and x5t (or
// x5t#S256) naming a certificate registered on the app whose key verifies the signature.
std::variant<EntraError, AcceptedAssertion> CheckCertificateAssertion(const AssertionContext& ctx,
                                                                      const Jwt& jwt) {
  if (Claim(jwt.payload, "sub") != ctx.client_id) {
    return EntraError{
        401, "invalid_client", 700021,
        "Client assertion application identifier doesn't match 'client_id' "
        "parameter. Review the documentation at "
        "https://learn.microsoft.com/entra/identity-platform/certificate-credentials."};
  }
  if (!EqualsIgnoreCase(Claim(jwt.payload, "aud"), ctx.token_endpoint)) {
    return EntraError{401, "invalid_client", 700023,
                      "Client assertion audience claim does not match Realm issuer. Expected '" +
                          ctx.token_endpoint + "', got '" + Claim(jwt.payload, "aud") + "'."};
  }
  if (Claim(jwt.payload, "jti").empty()) return Malformed("The assertion has no 'jti' claim.");
  if (auto invalid = CheckValidity(jwt.payload, ctx.now)) return *invalid;
  if (Claim(jwt.header, "alg") != "RS256") {
    return EntraError{401, "invalid_client", 5002730,
                      "Invalid JWT token. Unsupported key for the signing algorithm '" +
                          Claim(jwt.header, "alg") + "'; certificate assertions use RS256."};
  }
  const auto sha1 = Base64UrlDecode(Claim(jwt.header, "x5t"));
  const auto sha256 = Base64UrlDecode(Claim(jwt.header, "x5t#S256"));
  const Certificate* certificate = nullptr;
  for (const auto& candidate : ctx.certificates) {
    if ((sha1 && !sha1->empty() && *sha1 == candidate.sha1_thumbprint) ||
        (sha256 && !sha256->empty() && *sha256 == candidate.sha256_thumbprint)) {
      certificate = &candidate;
    }
  }
  if (certificate == nullptr) {
    return EntraError{401, "invalid_client", 700027,
                      "Client assertion failed signature validation. The certificate named by the "
                      "assertion's 'x5t' header is not registered on application '" +
                          ctx.client_id + "'."};
  }
  if (!VerifyRs256(*certificate, jwt.signing_input, jwt.signature)) {
    return EntraError{401, "invalid_client", 700027,
                      "Client assertion failed signature validation."};
  }
  return AcceptedAssertion{"certificate", ctx.client_id, ctx.client_id, Claim(jwt.payload, "jti")};
}

// A federated token (workload identity): signed by a trusted issuer, matching one of the app's
// federated credentials on issuer, subject and audience.
std::variant<EntraError, AcceptedAssertion> CheckFederatedAssertion(const AssertionContext& ctx,
                                                                    const Jwt& jwt) {
  if (ctx.oidc_issuer == nullptr || Claim(jwt.header, "alg") != "HS256" ||
      !ctx.oidc_issuer->VerifySignature(jwt.signing_input, jwt.signature)) {
    return EntraError{401, "invalid_client", 700027,
                      "Client assertion failed signature validation: the issuer's keys do not "
                      "verify the federated token."};
  }
  if (auto invalid = CheckValidity(jwt.payload, ctx.now)) return *invalid;
  const std::string issuer = Claim(jwt.payload, "iss");
  const std::string subject = Claim(jwt.payload, "sub");
  // Kubernetes writes `aud` as an array; a single string is valid JWT too.
  std::vector<std::string> audiences;
  if (const auto aud = jwt.payload.find("aud"); aud != jwt.payload.end() && aud->is_array()) {
    for (const auto& item : *aud) {
      if (item.is_string()) audiences.push_back(item.get<std::string>());
    }
  } else {
    audiences.push_back(Claim(jwt.payload, "aud"));
  }
  std::string audience;
  for (const auto& item : audiences) audience += (audience.empty() ? "" : ",") + item;
  for (const auto& credential : ctx.federated) {
    const bool audience_matches =
        std::find(audiences.begin(), audiences.end(), credential.audience) != audiences.end();
    if (credential.issuer == issuer && credential.subject == subject && audience_matches) {
      return AcceptedAssertion{"federated", ctx.client_id, subject, Claim(jwt.payload, "jti")};
    }
  }
  return EntraError{400, "invalid_request", 70021,
                    "No matching federated identity record found for presented assertion. "
                    "Assertion Issuer: '" +
                        issuer + "'. Assertion Subject: '" + subject + "'. Assertion Audience: '" +
                        audience + "'."};
}

}  // namespace

std::variant<EntraError, AcceptedAssertion> CheckClientAssertion(const AssertionContext& context,
                                                                 std::optional<std::string> type,
                                                                 std::string_view assertion) {
  if (!type || type->empty()) {
    return EntraError{400, "invalid_request", 900144,
                      "The request body must contain the following parameter: "
                      "'client_assertion_type'."};
  }
  if (*type != kJwtBearerAssertionType) {
    return EntraError{400, "invalid_request", 50027,
                      "Invalid client_assertion_type '" + *type + "'; expected '" +
                          std::string(kJwtBearerAssertionType) + "'."};
  }
  auto parsed = ParseJwt(assertion);
  if (auto* error = std::get_if<EntraError>(&parsed)) return *error;
  const Jwt& jwt = std::get<Jwt>(parsed);
  // Entra tells the two apart by the issuer: an app signs its own assertions.
  if (Claim(jwt.payload, "iss") == context.client_id) {
    return CheckCertificateAssertion(context, jwt);
  }
  if (Claim(jwt.payload, "iss").empty()) return Malformed("The assertion has no 'iss' claim.");
  return CheckFederatedAssertion(context, jwt);
}

std::string IssueFederatedToken(const TokenIssuer& issuer, std::string_view issuer_url,
                                std::string_view subject, std::string_view audience, TimePoint now,
                                std::chrono::seconds lifetime, std::string* jti) {
  const std::string id = NewUuid();
  if (jti != nullptr) *jti = id;
  const auto epoch = [](TimePoint t) { return t.time_since_epoch().count(); };
  const nlohmann::json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", "mensor-sim-oidc"}};
  const nlohmann::json payload = {
      {"aud", {audience}}, {"iss", issuer_url},
      {"sub", subject},    {"iat", epoch(now)},
      {"nbf", epoch(now)}, {"exp", epoch(now + lifetime)},
      {"jti", id},         {"kubernetes.io", {{"namespace", "monitoring"}}}};
  return issuer.SignJwt(header.dump(), payload.dump());
}

}  // namespace mensor::sim

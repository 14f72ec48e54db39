#include "token.hpp"

#include <nlohmann/json.hpp>

#include "crypto.hpp"

namespace mensor::sim {

namespace {
// Entra-issued tokens may be used up to five minutes before `nbf`; ARM allows the same skew.
constexpr std::chrono::seconds kClockSkew{300};
}  // namespace

TokenIssuer::TokenIssuer(std::chrono::seconds lifetime) : TokenIssuer(RandomBytes(32), lifetime) {}

TokenIssuer::TokenIssuer(std::string key, std::chrono::seconds lifetime)
    : key_(std::move(key)), lifetime_(lifetime) {}

std::string TokenIssuer::Issue(const TokenSubject& subject, std::string_view audience,
                               TimePoint now, std::optional<std::chrono::seconds> lifetime) const {
  const nlohmann::json header = {{"typ", "JWT"}, {"alg", "HS256"}, {"kid", "mensor-sim"}};
  const auto epoch = [](TimePoint t) { return t.time_since_epoch().count(); };
  const nlohmann::json payload = {
      {"aud", audience},
      {"iss", "https://sts.windows.net/" + subject.tenant_id + "/"},
      {"iat", epoch(now)},
      {"nbf", epoch(now)},
      {"exp", epoch(now + lifetime.value_or(lifetime_))},
      {"appid", subject.app_id},
      {"appidacr", "1"},
      {"idtyp", "app"},
      {"oid", subject.object_id},
      {"sub", subject.object_id},
      {"tid", subject.tenant_id},
      {"ver", "1.0"},
  };
  return SignJwt(header.dump(), payload.dump());
}

std::string TokenIssuer::SignJwt(std::string_view header_json,
                                 std::string_view payload_json) const {
  const std::string signing_input =
      Base64UrlEncode(header_json) + "." + Base64UrlEncode(payload_json);
  return signing_input + "." + Base64UrlEncode(HmacSha256(key_, signing_input));
}

bool TokenIssuer::VerifySignature(std::string_view signing_input,
                                  std::string_view signature) const {
  return ConstantTimeEquals(signature, HmacSha256(key_, signing_input));
}

TokenValidation TokenIssuer::Validate(std::string_view token, TimePoint now) const {
  TokenValidation result;
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return result;
  }
  const auto signing_input = token.substr(0, second);
  const auto signature = Base64UrlDecode(token.substr(second + 1));
  const auto payload_text = Base64UrlDecode(token.substr(first + 1, second - first - 1));
  if (!signature || !payload_text || !Base64UrlDecode(token.substr(0, first))) return result;
  if (!VerifySignature(signing_input, *signature)) {
    result.status = TokenStatus::kBadSignature;
    return result;
  }
  try {
    const auto payload = nlohmann::json::parse(*payload_text);
    auto& claims = result.claims;
    claims.audience = payload.at("aud").get<std::string>();
    claims.issuer = payload.at("iss").get<std::string>();
    claims.tenant_id = payload.at("tid").get<std::string>();
    claims.app_id = payload.value("appid", "");
    claims.object_id = payload.value("oid", "");
    claims.issued_at = TimePoint(std::chrono::seconds(payload.at("iat").get<int64_t>()));
    claims.not_before = TimePoint(std::chrono::seconds(payload.at("nbf").get<int64_t>()));
    claims.expires_at = TimePoint(std::chrono::seconds(payload.at("exp").get<int64_t>()));
  } catch (const nlohmann::json::exception&) {
    return result;  // Signed by us but unreadable cannot happen; treat as malformed anyway.
  }
  if (now >= result.claims.expires_at) {
    result.status = TokenStatus::kExpired;
  } else if (now + kClockSkew < result.claims.not_before) {
    result.status = TokenStatus::kNotYetValid;
  } else {
    result.status = TokenStatus::kValid;
  }
  return result;
}

}  // namespace mensor::sim

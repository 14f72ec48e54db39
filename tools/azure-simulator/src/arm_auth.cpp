#include "arm_auth.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "arm_errors.hpp"
#include "iso8601.hpp"

namespace mensor::sim {

namespace {

constexpr std::array kArmAudiences = {
    "https://management.core.windows.net/", "https://management.core.windows.net",
    "https://management.azure.com/", "https://management.azure.com"};

SimResponse Unauthorized(const std::string& code, const std::string& message,
                         const std::string& challenge_description) {
  SimResponse response = ArmErrorResponse(401, code, message);
  response.headers.Add(
      "WWW-Authenticate",
      "Bearer authorization_uri=\"https://login.microsoftonline.com/" + std::string(kSimTenantId) +
          "\", error=\"invalid_token\", error_description=\"" + challenge_description + "\"");
  return response;
}

}  // namespace

bool IsArmAudience(std::string_view audience) {
  return std::any_of(kArmAudiences.begin(), kArmAudiences.end(),
                     [&](const char* known) { return EqualsIgnoreCase(audience, known); });
}

namespace {

constexpr std::array kMetricsAudiences = {"https://metrics.monitor.azure.com",
                                          "https://metrics.monitor.azure.com/"};

std::optional<SimResponse> CheckBearer(const SimRequest& request, const TokenIssuer& issuer,
                                       TimePoint now, std::span<const char* const> audiences) {
  const auto header = request.headers.Get("Authorization");
  if (!header || Trim(*header).empty()) {
    return Unauthorized("AuthenticationFailed",
                        "Authentication failed. The 'Authorization' header is missing.",
                        "The authentication failed because of missing 'Authorization' header.");
  }
  const std::string_view value = Trim(*header);
  if (!StartsWithIgnoreCase(value, "Bearer ")) {
    return Unauthorized("AuthenticationFailed",
                        "Authentication failed. The 'Authorization' header is not in the "
                        "'Bearer <token>' format.",
                        "The authentication scheme is not supported.");
  }
  const auto validation = issuer.Validate(Trim(value.substr(7)), now);
  switch (validation.status) {
    case TokenStatus::kMalformed:
    case TokenStatus::kBadSignature:
      return Unauthorized("InvalidAuthenticationToken",
                          "The access token is invalid. (Its signature could not be validated.)",
                          "The access token is invalid.");
    case TokenStatus::kNotYetValid:
      return Unauthorized("InvalidAuthenticationToken", "The access token is not yet valid.",
                          "The access token is invalid.");
    case TokenStatus::kExpired:
      return Unauthorized(
          "ExpiredAuthenticationToken",
          "The access token expiry UTC time '" + FormatUsTimestamp(validation.claims.expires_at) +
              "' is earlier than current UTC time '" + FormatUsTimestamp(now) + "'.",
          "The access token has expired.");
    case TokenStatus::kValid:
      break;
  }
  const bool allowed_audience = std::any_of(
      audiences.begin(), audiences.end(),
      [&](const char* known) { return EqualsIgnoreCase(validation.claims.audience, known); });
  if (!allowed_audience) {
    std::string allowed;
    for (const char* audience : audiences) {
      allowed += (allowed.empty() ? "'" : ",'") + std::string(audience) + "'";
    }
    return Unauthorized("InvalidAuthenticationTokenAudience",
                        "The access token has been obtained for wrong audience or resource '" +
                            validation.claims.audience +
                            "'. It should exactly match with one of the allowed audiences " +
                            allowed + ".",
                        "The access token has been obtained from wrong audience or resource.");
  }
  return std::nullopt;
}

}  // namespace

std::optional<SimResponse> CheckArmAuthorization(const SimRequest& request,
                                                 const TokenIssuer& issuer, TimePoint now) {
  return CheckBearer(request, issuer, now, kArmAudiences);
}

std::string ArmCaller(const SimRequest& request, const TokenIssuer& issuer, TimePoint now) {
  const std::string header = request.headers.Get("Authorization").value_or("");
  const std::string_view value = Trim(header);
  if (!StartsWithIgnoreCase(value, "Bearer ")) return "";
  const auto validation = issuer.Validate(Trim(value.substr(7)), now);
  return validation.claims.object_id + "/" + validation.claims.app_id;
}

std::optional<SimResponse> CheckMetricsAuthorization(const SimRequest& request,
                                                     const TokenIssuer& issuer, TimePoint now) {
  return CheckBearer(request, issuer, now, kMetricsAudiences);
}

}  // namespace mensor::sim

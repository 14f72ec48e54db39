#include "token_response.hpp"

namespace mensor::managed_identity {
namespace {

using sdk::azure::Excerpt;
using sdk::azure::FirstLine;
using sdk::azure::StringField;

}  // namespace

AccessToken ParseTokenResponse(EndpointKind kind, std::string_view body, int64_t now_unix_ns) {
  return sdk::azure::ParseAccessToken(body, now_unix_ns, EndpointKindName(kind),
                                      sdk::azure::ExpiryFields::kExpiresOnOrIn);
}

std::string DescribeErrorResponse(EndpointKind kind, int status, std::string_view body) {
  std::string message = std::string(EndpointKindName(kind)) + " returned " + std::to_string(status);
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("error")) {
    std::string error = StringField(json, "error");
    std::string description = FirstLine(StringField(json, "error_description"));
    // Some endpoints nest {"error":{"code","message"}} instead.
    if (error.empty() && json["error"].is_object()) {
      error = StringField(json["error"], "code");
      description = FirstLine(StringField(json["error"], "message"));
    }
    if (!error.empty()) message += ": " + error;
    if (!description.empty()) message += ": " + description;
  } else if (!body.empty()) {
    message += ": " + Excerpt(body);
  }
  return message;
}

mensor_status ClassifyStatus(int status) {
  if (status == 429) return MENSOR_E_THROTTLED;
  if (status == 404 || status == 410 || status >= 500) return MENSOR_E_UNAVAILABLE;
  return MENSOR_E_UNAUTHENTICATED;
}

bool IsRetryableStatus(EndpointKind kind, int status) {
  if (status == 429 || status >= 500) return true;
  return kind == EndpointKind::kImds && (status == 404 || status == 410);
}

}  // namespace mensor::managed_identity

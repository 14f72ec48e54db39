#include "token_response.hpp"

#include <mensor/sdk/error.hpp>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>

namespace mensor::managed_identity {
namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;
constexpr size_t kMaxExcerpt = 200;

// IMDS and App Service send epoch seconds as strings, other builds as numbers.
std::optional<int64_t> ReadSeconds(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number()) return static_cast<int64_t>(it->get<double>());
  if (!it->is_string()) return std::nullopt;
  const std::string& text = it->get_ref<const std::string&>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string StringField(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Entra descriptions carry "\r\nTrace ID: ..." lines; the first line is the useful part.
std::string FirstLine(std::string text) {
  size_t end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  return text;
}

std::string Excerpt(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, kMaxExcerpt)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  }
  if (body.size() > kMaxExcerpt) out += "...";
  return out;
}

}  // namespace

AccessToken ParseTokenResponse(EndpointKind kind, std::string_view body, int64_t now_unix_ns) {
  const std::string where(EndpointKindName(kind));
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    throw sdk::Error(MENSOR_E_UNAVAILABLE, where + " returned 200 with a body that is not JSON");
  }
  AccessToken token;
  token.value = StringField(json, "access_token");
  if (token.value.empty()) {
    throw sdk::Error(MENSOR_E_UNAVAILABLE, where + " returned 200 without access_token");
  }
  if (std::optional<int64_t> expires_on = ReadSeconds(json, "expires_on")) {
    token.expires_unix_ns = *expires_on * kNsPerSecond;
  } else if (std::optional<int64_t> expires_in = ReadSeconds(json, "expires_in")) {
    token.expires_unix_ns = now_unix_ns + *expires_in * kNsPerSecond;
  } else {
    throw sdk::Error(MENSOR_E_UNAVAILABLE,
                     where + " returned a token without a usable expires_on or expires_in");
  }
  return token;
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

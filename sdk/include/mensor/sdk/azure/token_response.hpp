// Reading Entra ID / managed-identity token endpoint responses: the access token, its expiry
// (expires_on / expires_in as string or number) and the pieces of error bodies. Header-only;
// needs nlohmann/json (target Mensor::sdk_azure).
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/error.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::sdk::azure {

/// \brief An access token and its absolute expiry.
struct AccessToken {
  std::string value;
  int64_t expires_unix_ns = 0;
};

/// \brief Which expiry fields a token response may carry. Managed-identity endpoints send
/// `expires_on` (epoch seconds) and sometimes only `expires_in`; Entra ID v2 sends `expires_in`.
enum class ExpiryFields { kExpiresIn, kExpiresOnOrIn };

/// \brief `json[key]` as a string, or "" when absent or not a string.
inline std::string StringField(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// \brief Whole seconds from `json[key]`, sent as a number by some endpoints and as a decimal
/// string by others (IMDS, App Service); nullopt when absent or unusable.
inline std::optional<int64_t> ReadSeconds(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number()) return static_cast<int64_t>(it->get<double>());
  if (!it->is_string()) return std::nullopt;
  const std::string& text = it->get_ref<const std::string&>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// \brief The first line of `text`: Entra descriptions carry "\r\nTrace ID: ..." lines after the
/// useful part.
inline std::string FirstLine(std::string text) {
  size_t end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  return text;
}

/// \brief At most 200 characters of a body that is not the usual error JSON, control characters
/// replaced by spaces and "..." appended when cut, for error messages.
inline std::string Excerpt(std::string_view body) {
  constexpr size_t kMaxExcerpt = 200;
  std::string out;
  for (char c : body.substr(0, kMaxExcerpt)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  }
  if (body.size() > kMaxExcerpt) out += "...";
  return out;
}

/// \brief Parses a 200 body from `endpoint` (named in messages, e.g. "IMDS"). The expiry comes
/// from `expires_on` (epoch seconds) when `fields` allows it, else from `expires_in` (seconds
/// from now_unix_ns). Throws sdk::Error(UNAVAILABLE) for a body that is not JSON or lacks the
/// token or a usable expiry; the message never contains the token.
inline AccessToken ParseAccessToken(std::string_view body, int64_t now_unix_ns,
                                    std::string_view endpoint, ExpiryFields fields) {
  constexpr int64_t kNsPerSecond = 1'000'000'000;
  const std::string where(endpoint);
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    throw Error(MENSOR_E_UNAVAILABLE, where + " returned 200 with a body that is not JSON");
  }
  AccessToken token;
  token.value = StringField(json, "access_token");
  if (token.value.empty()) {
    throw Error(MENSOR_E_UNAVAILABLE, where + " returned 200 without access_token");
  }
  const bool on_or_in = fields == ExpiryFields::kExpiresOnOrIn;
  const std::optional<int64_t> expires_on =
      on_or_in ? ReadSeconds(json, "expires_on") : std::nullopt;
  if (expires_on) {
    token.expires_unix_ns = *expires_on * kNsPerSecond;
  } else if (std::optional<int64_t> expires_in = ReadSeconds(json, "expires_in")) {
    token.expires_unix_ns = now_unix_ns + *expires_in * kNsPerSecond;
  } else {
    throw Error(MENSOR_E_UNAVAILABLE, where + " returned a token without a usable " +
                                          (on_or_in ? "expires_on or expires_in" : "expires_in"));
  }
  return token;
}

}  // namespace mensor::sdk::azure

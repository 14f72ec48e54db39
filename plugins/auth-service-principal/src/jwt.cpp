#include "jwt.hpp"

#include <openssl/rand.h>
#include <mensor/sdk/error.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace mensor::service_principal {
namespace {
// Long enough for a slow token endpoint, short enough that a leaked assertion soon expires.
constexpr int64_t kAssertionLifetimeSeconds = 600;
}  // namespace

std::string Base64UrlEncode(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : data) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}

std::string RandomGuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    throw sdk::Error(MENSOR_E_INTERNAL, "no randomness for the client assertion's jti");
  }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

std::string BuildClientAssertion(const ClientCertificate& certificate, std::string_view client_id,
                                 std::string_view token_endpoint, int64_t now_unix_seconds) {
  const nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", certificate.x5t()}};
  const nlohmann::json claims = {{"aud", token_endpoint},
                                 {"iss", client_id},
                                 {"sub", client_id},
                                 {"jti", RandomGuid()},
                                 {"nbf", now_unix_seconds},
                                 {"iat", now_unix_seconds},
                                 {"exp", now_unix_seconds + kAssertionLifetimeSeconds}};
  const std::string signing_input =
      Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
  return signing_input + "." + Base64UrlEncode(certificate.SignRs256(signing_input));
}

}  // namespace mensor::service_principal

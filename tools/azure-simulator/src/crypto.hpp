// Thin wrappers over OpenSSL libcrypto: encodings, HMAC, randomness, stable hashing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::sim {

std::string Base64UrlEncode(std::string_view data);
std::optional<std::string> Base64UrlDecode(std::string_view text);
std::optional<std::string> Base64Decode(std::string_view text);  // Standard alphabet, padded.
std::string HmacSha256(std::string_view key, std::string_view data);
bool ConstantTimeEquals(std::string_view a, std::string_view b);
std::string RandomBytes(size_t count);
std::string NewUuid();
// A GUID-shaped string derived from `seed`, for stable synthetic object ids.
std::string StableUuid(std::string_view seed);
// Raw digests.
std::string Sha1(std::string_view data);
std::string Sha256(std::string_view data);

// A registered X.509 certificate (public part only): its DER encoding for thumbprints and its
// key for RS256 signature checks.
struct Certificate {
  std::string der;
  std::string pem;
  std::string sha1_thumbprint;    // Raw bytes (Entra's x5t is base64url of this).
  std::string sha256_thumbprint;  // Raw bytes (x5t#S256).
};
// Parses one PEM certificate. Throws std::runtime_error naming the problem.
Certificate ParseCertificatePem(std::string_view pem);
// RSASSA-PKCS1-v1_5 with SHA-256 (JWT "RS256") over `data`, checked with the certificate's key.
bool VerifyRs256(const Certificate& certificate, std::string_view data, std::string_view signature);

// 64-bit FNV-1a with a final avalanche: stable across runs and platforms.
uint64_t StableHash(std::string_view data, uint64_t seed = 0);
// StableHash in steps, for keys that share a prefix: StableHash(a + b, seed) ==
// StableHashFinish(StableHashAdd(StableHashAdd(StableHashStart(seed), a), b)).
uint64_t StableHashStart(uint64_t seed);
uint64_t StableHashAdd(uint64_t state, std::string_view data);
uint64_t StableHashFinish(uint64_t state);

}  // namespace mensor::sim

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
// 64-bit FNV-1a with a final avalanche: stable across runs and platforms.
uint64_t StableHash(std::string_view data, uint64_t seed = 0);

}  // namespace mensor::sim

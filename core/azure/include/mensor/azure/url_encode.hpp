#pragma once

#include <string>
#include <string_view>

namespace mensor::azure {

// Percent-encodes a query component: everything except RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~) becomes %XX, so spaces are %20 (never '+', which servers may keep).
std::string PercentEncode(std::string_view value);

// Percent-encodes a URL path, keeping '/' and the characters RFC 3986 allows in segments, so an
// ARM resource id stays readable (its slashes must not be encoded: x-ms-skip-url-encoding).
std::string PercentEncodePath(std::string_view path);

}  // namespace mensor::azure

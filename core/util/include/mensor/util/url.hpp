// Percent-encoding (RFC 3986), query strings and application/x-www-form-urlencoded bodies.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::util {

/// Percent-encodes everything except RFC 3986 unreserved characters (ALPHA DIGIT - . _ ~), with
/// upper-case hex, so spaces are %20 (never '+', which servers may keep). With `keep_slash`, '/'
/// is kept too.
std::string PercentEncode(std::string_view in, bool keep_slash = false);

/// Percent-encodes a URL path, keeping '/' and the characters RFC 3986 allows in segments, so an
/// ARM resource id stays readable (its slashes must not be encoded: x-ms-skip-url-encoding).
std::string PercentEncodePath(std::string_view path);

/// Decodes %XX escapes; malformed escapes are kept literally (Azure's "%2" comma escape in
/// metric names relies on it). With `plus_as_space`, '+' becomes ' ' as in
/// application/x-www-form-urlencoded query strings.
std::string PercentDecode(std::string_view in, bool plus_as_space = false);

/// Splits a raw query string (without '?') or form body into decoded name/value pairs, in order.
/// Empty segments are skipped; "a" yields {"a", ""}.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

/// Joins pairs as `name=value&...` with both sides percent-encoded (suits both query strings and
/// application/x-www-form-urlencoded bodies such as token requests).
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace mensor::util

#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::net {

/// Percent-encodes everything except RFC 3986 unreserved characters (ALPHA DIGIT - . _ ~),
/// and '/' too when `keep_slash` is set (for path segments like ARM resource ids).
std::string PercentEncode(std::string_view in, bool keep_slash = false);

/// Decodes %XX escapes; malformed escapes are kept literally. With `plus_as_space`, '+' becomes
/// ' ' as in application/x-www-form-urlencoded query strings.
std::string PercentDecode(std::string_view in, bool plus_as_space = false);

/// Splits a raw query string (without '?') into decoded name/value pairs, in order. Empty
/// segments are skipped; "a" yields {"a", ""}.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

/// Joins pairs as `name=value&...` with both sides percent-encoded (suits both query strings and
/// application/x-www-form-urlencoded bodies such as token requests).
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace mensor::net

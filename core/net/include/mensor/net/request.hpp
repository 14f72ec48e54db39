#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mensor/net/header_util.hpp"

namespace mensor::net {

/// An incoming HTTP request as seen by a route handler.
///
/// `path` is the raw (not percent-decoded) part of the target before '?', `query` the raw part
/// after it. Thread-safety: a plain value; handlers receive it by const reference.
struct Request {
  std::string method;
  std::string target;
  std::string path;
  std::string query;
  HeaderList headers;
  std::string body;

  /// First header named `name`, compared case-insensitively.
  std::optional<std::string_view> Header(std::string_view name) const noexcept {
    return FindHeader(headers, name);
  }

  /// Percent-decoded value of the first query parameter `name` ('+' means space); empty if
  /// absent. Names are compared case-sensitively after decoding.
  std::string QueryParam(std::string_view name) const;

  /// Whether query parameter `name` is present at all (even with an empty value).
  bool HasQueryParam(std::string_view name) const;
};

}  // namespace mensor::net

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mensor/net/header_util.hpp"

namespace mensor::net {

/// The response a route handler fills in.
///
/// The body is shared and immutable so that a pre-rendered document (e.g. the Prometheus
/// exposition) can be served to many scrapers without copying, also when it is kept in pieces.
/// Extra headers such as `Content-Encoding` go into `headers`; `Content-Length`, `Connection` and
/// `Content-Type` are managed by the server. Thread-safety: a plain value, owned by one request.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  HeaderList headers;
  std::shared_ptr<const std::string> body;

  /// Replaces the body with a private copy of `text`.
  void SetBody(std::string text);
  /// Shares an existing immutable body without copying it.
  void SetBody(std::shared_ptr<const std::string> shared) { body = std::move(shared); }
  /// Serves the concatenation of `segments`, which the non-null `owner` keeps alive and
  /// unchanged until the response is written, without copying or assembling them (a plugin's
  /// pre-rendered document); wins over `body`.
  void SetExternalBody(std::vector<std::string_view> segments, std::shared_ptr<const void> owner) {
    external_segments = std::move(segments);
    external_owner = std::move(owner);
  }
  /// The one-segment case.
  void SetExternalBody(std::string_view bytes, std::shared_ptr<const void> owner) {
    SetExternalBody(std::vector<std::string_view>{bytes}, std::move(owner));
  }
  std::vector<std::string_view> external_segments;
  std::shared_ptr<const void> external_owner;
  /// Sets status, JSON content type and body in one go.
  void SetJson(int status_code, std::string json);
  /// Sets status, `text/plain; charset=utf-8` and body.
  void SetText(int status_code, std::string text);
  /// Body size in bytes (0 when unset).
  size_t BodySize() const noexcept;
  /// The bytes to send, in order: the external segments if set, else `body`.
  std::vector<std::string_view> BodySegments() const;
  /// What keeps the bytes of BodySegments() alive.
  std::shared_ptr<const void> BodyOwner() const;
};

}  // namespace mensor::net

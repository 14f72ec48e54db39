// HTTP routes a pull sink serves on the host's HTTP server.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/host.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::sdk {

/// \brief An incoming request. Views borrow host memory for the duration of the handler (M1).
struct RouteRequest {
  std::string_view method, path, query;  // query is raw, without '?'
  std::span<const mensor_http_header> raw_headers;

  /// Case-insensitive header lookup.
  std::optional<std::string_view> Header(std::string_view name) const {
    for (const mensor_http_header& h : raw_headers) {
      if (detail::EqualsIgnoreCase(detail::ToView(h.name), name)) return detail::ToView(h.value);
    }
    return std::nullopt;
  }

  static RouteRequest FromC(const mensor_http_request_view* view) {
    RouteRequest request;
    if (view == nullptr) return request;
    request.method = detail::ToView(view->method);
    request.path = detail::ToView(view->path);
    request.query = detail::ToView(view->query);
    if (view->headers != nullptr) request.raw_headers = {view->headers, view->header_count};
    return request;
  }
};

/// \brief Where a handler writes its reply; the host copies everything (M5).
/// If a handler neither sets a reply nor throws, the host's default reply stands; a handler that
/// throws gets a 500 with the exception text.
/// Ownership: borrows the handle during the handler. Thread-safety: the handler's thread.
class RouteReply {
 public:
  explicit RouteReply(mensor_http_reply* reply) : reply_(reply) {}

  void Set(int status, std::string_view content_type, std::string_view body) {
    host::Api().reply_set(reply_, status, detail::ToStr(content_type), detail::ToStr(body));
    set_ = true;
  }
  /// Serves `body` without a copy when the host offers reply_set_shared (ABI 1.1): the host holds
  /// a reference until the response is written. Falls back to Set on an older host.
  void SetShared(int status, std::string_view content_type,
                 std::shared_ptr<const std::string> body) {
    const mensor_host_api& api = host::Api();
    constexpr size_t kNeeded =
        offsetof(mensor_host_api, reply_set_shared) + sizeof(api.reply_set_shared);
    if (api.struct_size < kNeeded || api.reply_set_shared == nullptr) {
      Set(status, content_type, body ? std::string_view(*body) : std::string_view());
      return;
    }
    auto* owner = new std::shared_ptr<const std::string>(std::move(body));
    const std::string_view bytes = *owner ? std::string_view(**owner) : std::string_view();
    api.reply_set_shared(
        reply_, status, detail::ToStr(content_type), detail::ToStr(bytes),
        [](void* p) { delete static_cast<std::shared_ptr<const std::string>*>(p); }, owner);
    set_ = true;
  }
  /// Serves the concatenation of `segments` without assembling or copying it when the host offers
  /// reply_set_segments (ABI 1.3): `owner` must keep the bytes alive and unchanged, and the host
  /// holds it until the response is written. Falls back to Set with the concatenation on an
  /// older host.
  void SetSegments(int status, std::string_view content_type,
                   std::span<const std::string_view> segments, std::shared_ptr<const void> owner) {
    const mensor_host_api& api = host::Api();
    constexpr size_t kNeeded =
        offsetof(mensor_host_api, reply_set_segments) + sizeof(api.reply_set_segments);
    if (api.struct_size < kNeeded || api.reply_set_segments == nullptr) {
      std::string body;
      size_t size = 0;
      for (std::string_view segment : segments) size += segment.size();
      body.reserve(size);
      for (std::string_view segment : segments) body += segment;
      Set(status, content_type, body);
      return;
    }
    std::vector<mensor_str> views;
    views.reserve(segments.size());
    for (std::string_view segment : segments) views.push_back(detail::ToStr(segment));
    auto* holder = new std::shared_ptr<const void>(std::move(owner));
    api.reply_set_segments(
        reply_, status, detail::ToStr(content_type), views.data(), views.size(),
        [](void* p) { delete static_cast<std::shared_ptr<const void>*>(p); }, holder);
    set_ = true;
  }
  void AddHeader(std::string_view name, std::string_view value) {
    host::Api().reply_header(reply_, detail::ToStr(name), detail::ToStr(value));
  }
  bool was_set() const { return set_; }
  mensor_http_reply* raw() const { return reply_; }

 private:
  mensor_http_reply* reply_;
  bool set_ = false;
};

}  // namespace mensor::sdk

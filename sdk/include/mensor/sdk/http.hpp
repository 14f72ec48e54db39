// Outgoing HTTP through the host's client (pooling, TLS, proxies and tokens are the host's).
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/call.hpp>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::sdk {

/// \brief A request for HttpSend. Non-empty `auth_scope` makes the host add the Authorization
/// header from the configured auth mode; plugins never see those credentials.
struct HttpRequest {
  std::string method = "GET";
  // Default member initialisers keep -Wextra quiet for designated initialisers.
  std::string url{};
  std::vector<std::pair<std::string, std::string>> headers{};
  std::string body{};
  std::string auth_scope{};
  std::chrono::milliseconds timeout{0};  // 0 = host default; never beyond the call's deadline
};

/// \brief A response copied out of the host (a plain value, safe to keep and move).
///
/// Design: the ABI can look response headers up by name only (http_resp_header), it cannot
/// list them. So HttpSend copies exactly the headers the caller names in `wanted_headers`;
/// Header() searches those copies case-insensitively. Code that needs ad-hoc header lookups
/// uses HttpResponseHandle, whose Header() calls through while the host handle lives.
struct HttpResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  std::optional<std::string> Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (detail::EqualsIgnoreCase(key, name)) return value;
    }
    return std::nullopt;
  }
};

/// \brief Owns a host response (M4) and releases it on destruction.
/// Move-only. Thread-safety: the thread that sent the request.
class HttpResponseHandle {
 public:
  explicit HttpResponseHandle(mensor_http_resp* resp = nullptr) : resp_(resp) {}
  HttpResponseHandle(HttpResponseHandle&& other) noexcept
      : resp_(std::exchange(other.resp_, nullptr)) {}
  HttpResponseHandle& operator=(HttpResponseHandle&& other) noexcept {
    if (this != &other) {
      Release();
      resp_ = std::exchange(other.resp_, nullptr);
    }
    return *this;
  }
  HttpResponseHandle(const HttpResponseHandle&) = delete;
  HttpResponseHandle& operator=(const HttpResponseHandle&) = delete;
  ~HttpResponseHandle() { Release(); }

  int Status() const { return host::Api().http_resp_status(resp_); }
  /// View into the host's buffer; valid while this handle lives.
  std::string_view Body() const { return detail::ToView(host::Api().http_resp_body(resp_)); }
  /// Case-insensitive lookup, calling through to the host.
  std::optional<std::string> Header(const char* name) const {
    mensor_str out{};
    if (!host::Api().http_resp_header(resp_, name, &out)) return std::nullopt;
    return std::string(detail::ToView(out));
  }

  /// Copies status, body and the named headers (those present) into a value.
  HttpResponse Copy(std::initializer_list<const char*> wanted_headers = {}) const {
    HttpResponse response;
    response.status = Status();
    response.body = std::string(Body());
    for (const char* name : wanted_headers) {
      if (auto value = Header(name)) response.headers.emplace_back(name, *std::move(value));
    }
    return response;
  }

  mensor_http_resp* raw() const { return resp_; }

 private:
  void Release() {
    if (resp_ != nullptr) host::Api().http_resp_release(std::exchange(resp_, nullptr));
  }

  mensor_http_resp* resp_;
};

/// \brief Sends a request and returns the live host response. Any HTTP status is a success;
/// transport failures throw Error(MENSOR_E_UNAVAILABLE / MENSOR_E_TIMEOUT / ...).
inline HttpResponseHandle HttpSendRaw(Call& call, const HttpRequest& request) {
  std::vector<mensor_http_header> headers;
  headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    headers.push_back(mensor_http_header{detail::ToStr(name), detail::ToStr(value)});
  }
  mensor_http_request c_request{};
  c_request.struct_size = sizeof(mensor_http_request);
  c_request.method = detail::ToStr(request.method);
  c_request.url = detail::ToStr(request.url);
  c_request.headers = headers.empty() ? nullptr : headers.data();
  c_request.header_count = headers.size();
  c_request.body = detail::ToStr(request.body);
  c_request.auth_scope = detail::ToStr(request.auth_scope);
  c_request.timeout_ms = static_cast<int64_t>(request.timeout.count());
  mensor_http_resp* resp = nullptr;
  mensor_status status = host::Api().http_send(call.raw(), &c_request, &resp);
  HttpResponseHandle handle(resp);  // released even on failure, should the host set it
  if (status != MENSOR_OK) {
    throw Error(status,
                request.method + " " + request.url + " failed: " + std::string(StatusName(status)));
  }
  if (resp == nullptr) throw Error(MENSOR_E_INTERNAL, "host returned no HTTP response");
  return handle;
}

/// \brief Sends a request and copies the response (status, body, `wanted_headers`), releasing
/// the host handle before returning. Throws like HttpSendRaw.
inline HttpResponse HttpSend(Call& call, const HttpRequest& request,
                             std::initializer_list<const char*> wanted_headers = {}) {
  return HttpSendRaw(call, request).Copy(wanted_headers);
}

}  // namespace mensor::sdk

#include <algorithm>
#include <cstring>
#include <exception>

#include <spdlog/spdlog.h>

#include <mensor/plugin/detail/call.hpp>
#include <mensor/plugin/detail/results.hpp>
#include <mensor/plugin/host_api.hpp>

#include "host_functions.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::plugin::host_fn {
namespace {

constexpr size_t kMinRequestSize = offsetof(mensor_http_request, url) + sizeof(mensor_str);

mensor_status Error(mensor_call* call, mensor_status status, std::string message) {
  return SetError(call, status, mensor_str{message.c_str(), message.size()});
}

// Queries may carry SAS tokens or secrets; messages show the URL without them.
std::string_view WithoutQuery(std::string_view url) { return url.substr(0, url.find('?')); }

}  // namespace

mensor_status HttpSend(mensor_call* call, const mensor_http_request* request,
                       mensor_http_resp** out) {
  if (out != nullptr) *out = nullptr;
  if (call == nullptr || request == nullptr || out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  if (request->struct_size < kMinRequestSize ||
      request->struct_size > sizeof(mensor_http_request)) {
    return Error(call, MENSOR_E_INVALID_ARGUMENT,
                 "http_send: request struct_size " + std::to_string(request->struct_size) +
                     " is not supported by this host (" +
                     std::to_string(sizeof(mensor_http_request)) + ")");
  }
  mensor_http_request req{};
  std::memcpy(&req, request, request->struct_size);
  if (req.url.ptr == nullptr || req.url.len == 0 || (req.header_count > 0 && !req.headers)) {
    return Error(call, MENSOR_E_INVALID_ARGUMENT, "http_send: missing url or headers");
  }

  HttpCall http;
  http.method = req.method.len == 0 ? "GET" : std::string(View(req.method));
  http.url.assign(View(req.url));
  for (size_t i = 0; i < req.header_count; ++i) {
    http.headers.emplace_back(View(req.headers[i].name), View(req.headers[i].value));
  }
  http.body.assign(View(req.body));
  http.auth_scope.assign(View(req.auth_scope));

  if (call->IsCancelled()) return Error(call, MENSOR_E_CANCELLED, "http_send: call cancelled");
  const int64_t deadline = call->deadline_mono_ns;
  int64_t timeout_ms = std::max<int64_t>(req.timeout_ms, 0);
  if (deadline != 0) {
    const int64_t remaining_ns = deadline - NowMonoNs();
    if (remaining_ns <= 0) return Error(call, MENSOR_E_TIMEOUT, "http_send: deadline passed");
    const int64_t remaining_ms = (remaining_ns + 999'999) / 1'000'000;
    timeout_ms = timeout_ms == 0 ? remaining_ms : std::min(timeout_ms, remaining_ms);
  }
  http.timeout = std::chrono::milliseconds(timeout_ms);

  const std::string what = http.method + " " + std::string(WithoutQuery(http.url));
  auto* backend = GetHostBackend();
  if (backend == nullptr) {
    return Error(call, MENSOR_E_UNAVAILABLE, what + ": no HTTP client in this host");
  }
  HttpResult result;
  try {
    result = backend->HttpSend(http, deadline);
  } catch (const std::exception& e) {
    return Error(call, MENSOR_E_INTERNAL, what + ": " + e.what());
  } catch (...) {
    return Error(call, MENSOR_E_INTERNAL, what + ": unknown exception");
  }
  if (result.status <= 0) {
    mensor_status status = result.failure;
    if (status == MENSOR_OK) {
      status = deadline != 0 && NowMonoNs() >= deadline ? MENSOR_E_TIMEOUT : MENSOR_E_UNAVAILABLE;
    }
    return Error(call, status, what + ": " + (result.error.empty() ? "failed" : result.error));
  }
  *out = new mensor_http_resp{std::move(result)};
  return MENSOR_OK;
}

int32_t HttpRespStatus(const mensor_http_resp* resp) {
  return resp == nullptr ? 0 : resp->result.status;
}

mensor_str HttpRespBody(const mensor_http_resp* resp) {
  static const std::string kEmpty;
  return Str(resp == nullptr ? kEmpty : resp->result.body);
}

bool HttpRespHeader(const mensor_http_resp* resp, const char* name, mensor_str* out) {
  if (resp == nullptr || name == nullptr || out == nullptr) return false;
  for (const auto& [key, value] : resp->result.headers) {
    if (mensor::util::EqualsIgnoreCase(key, name)) {
      *out = Str(value);
      return true;
    }
  }
  return false;
}

void HttpRespRelease(mensor_http_resp* resp) { delete resp; }

mensor_status HttpRoute(mensor_host_ctx* ctx, mensor_str path, mensor_route_handler handler,
                        void* user_data) {
  if (ctx == nullptr || handler == nullptr || path.ptr == nullptr || path.len == 0 ||
      path.ptr[0] != '/') {
    return MENSOR_E_INVALID_ARGUMENT;
  }
  auto* backend = GetHostBackend();
  if (backend == nullptr) return MENSOR_E_UNSUPPORTED;
  std::string route(View(path));
  RouteFn fn = [handler, user_data](const mensor_http_request_view& request,
                                    mensor_http_reply* reply) {
    handler(user_data, &request, reply);
  };
  bool added = false;
  try {
    added = backend->AddRoute(route, std::move(fn));
  } catch (const std::exception& e) {
    spdlog::error("{} cannot serve {}: {}", ctx->Prefix(), route, e.what());
    return MENSOR_E_INTERNAL;
  }
  if (!added) {
    spdlog::error("{} route {} is already taken", ctx->Prefix(), route);
    return MENSOR_E_CONFIG;
  }
  spdlog::debug("{} serves {}", ctx->Prefix(), route);
  return MENSOR_OK;
}

}  // namespace mensor::plugin::host_fn

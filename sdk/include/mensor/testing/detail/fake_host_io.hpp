// FakeHost definitions for logs, HTTP (client and routes), replies, tokens and env.
#pragma once

#include <mensor/testing/fake_host.hpp>

namespace mensor::testing {

inline std::vector<LogRecord> FakeHost::logs() const {
  std::lock_guard lock(mu_);
  return logs_;
}

inline bool FakeHost::LogsContain(std::string_view needle) const {
  std::lock_guard lock(mu_);
  return std::any_of(logs_.begin(), logs_.end(), [&](const LogRecord& r) {
    return r.message.find(needle) != std::string::npos;
  });
}

inline void FakeHost::QueueHttpResponse(FakeHttpResponse response) {
  std::lock_guard lock(mu_);
  http_queue_.push_back(std::move(response));
}

inline void FakeHost::SetHttpHandler(
    std::function<FakeHttpResponse(const FakeHttpRequest&)> handler) {
  std::lock_guard lock(mu_);
  http_handler_ = std::move(handler);
}

inline std::vector<FakeHttpRequest> FakeHost::http_requests() const {
  std::lock_guard lock(mu_);
  return http_requests_;
}

inline mensor_status FakeHost::HttpSend(mensor_call* call, const mensor_http_request* request,
                                        mensor_http_resp** out) {
  FakeHost& h = Self();
  if (request == nullptr || out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  *out = nullptr;
  FakeHttpRequest recorded{std::string(ToView(request->method)),
                           std::string(ToView(request->url)),
                           std::string(ToView(request->body)),
                           std::string(ToView(request->auth_scope)),
                           {},
                           request->timeout_ms};
  for (size_t i = 0; i < request->header_count; ++i) {
    recorded.headers.emplace_back(ToView(request->headers[i].name),
                                  ToView(request->headers[i].value));
  }
  std::optional<FakeHttpResponse> answer;
  std::function<FakeHttpResponse(const FakeHttpRequest&)> handler;
  {
    std::lock_guard lock(h.mu_);
    h.http_requests_.push_back(recorded);
    if (!h.http_queue_.empty()) {
      answer = std::move(h.http_queue_.front());
      h.http_queue_.pop_front();
    } else {
      handler = h.http_handler_;
    }
  }
  if (!answer && handler) answer = handler(recorded);  // outside the lock: it may call us
  if (!answer) {
    return SetError(call, MENSOR_E_UNAVAILABLE,
                    ToStr("FakeHost: no scripted HTTP response for " + recorded.url));
  }
  if (answer->transport_error != MENSOR_OK) {
    return SetError(call, answer->transport_error, ToStr("FakeHost: scripted transport error"));
  }
  *out = reinterpret_cast<mensor_http_resp*>(new detail::FakeHttpResp{std::move(*answer)});
  ++h.live_responses_;
  return MENSOR_OK;
}

inline mensor_status FakeHost::HttpRoute(mensor_host_ctx* ctx, mensor_str path,
                                         mensor_route_handler handler, void* user_data) {
  FakeHost& h = Self();
  if (handler == nullptr || path.len == 0) return MENSOR_E_INVALID_ARGUMENT;
  std::lock_guard lock(h.mu_);
  for (const Route& r : h.routes_) {
    if (r.path == ToView(path)) return MENSOR_E_CONFIG;
  }
  h.routes_.push_back({ctx, std::string(ToView(path)), handler, user_data});
  return MENSOR_OK;
}

inline std::vector<FakeHost::Route> FakeHost::routes() const {
  std::lock_guard lock(mu_);
  return routes_;
}

inline void FakeHost::RemoveRoutes(mensor_host_ctx* ctx) {
  std::lock_guard lock(mu_);
  std::erase_if(routes_, [&](const Route& r) { return r.ctx == ctx; });
}

inline FakeReply FakeHost::HttpGet(std::string_view path, std::string_view query,
                                   const HeaderList& headers) {
  std::optional<Route> route;
  {
    std::lock_guard lock(mu_);
    for (const Route& r : routes_) {
      if (r.path == path) route = r;
    }
  }
  FakeReply reply;
  if (!route) {
    reply.status = 404;
    return reply;
  }
  std::vector<mensor_http_header> c_headers;
  for (const auto& [k, v] : headers) c_headers.push_back({ToStr(k), ToStr(v)});
  mensor_http_request_view view{sizeof(mensor_http_request_view),
                                ToStr("GET"),
                                ToStr(path),
                                ToStr(query),
                                c_headers.empty() ? nullptr : c_headers.data(),
                                c_headers.size()};
  route->handler(route->user_data, &view, reply.raw());
  return reply;
}

inline void FakeHost::ReplySet(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                               mensor_str body) {
  FakeReply* r = FakeReply::From(reply);
  r->status = status;
  r->content_type = std::string(ToView(content_type));
  r->body = std::string(ToView(body));
  r->segment_count = 0;
}

// The fake serves nothing later: it copies the bytes at once, so the owner goes right away.
inline void FakeHost::ReplySetShared(mensor_http_reply* reply, int32_t status,
                                     mensor_str content_type, mensor_str body,
                                     void (*release)(void*), void* owner) {
  ReplySetSegments(reply, status, content_type, &body, 1, release, owner);
}

inline void FakeHost::ReplySetSegments(mensor_http_reply* reply, int32_t status,
                                       mensor_str content_type, const mensor_str* segments,
                                       size_t segment_count, void (*release)(void*), void* owner) {
  if (reply != nullptr) {
    FakeReply* r = FakeReply::From(reply);
    r->status = status;
    r->content_type = std::string(ToView(content_type));
    r->body.clear();
    for (size_t i = 0; segments != nullptr && i < segment_count; ++i) {
      r->body += ToView(segments[i]);
    }
    r->segment_count = segments != nullptr ? segment_count : 0;
  }
  if (release != nullptr) release(owner);
}

inline void FakeHost::ReplyHeader(mensor_http_reply* reply, mensor_str name, mensor_str value) {
  FakeReply::From(reply)->headers.emplace_back(ToView(name), ToView(value));
}

inline mensor_status FakeHost::TokenSet(mensor_token_out* out, mensor_str token,
                                        int64_t expires_unix_ns) {
  if (out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  FakeToken* t = FakeToken::From(out);
  t->set = true;
  t->value = std::string(ToView(token));
  t->expires_unix_ns = expires_unix_ns;
  return MENSOR_OK;
}

inline void FakeHost::SetEnv(std::string name, std::string value) {
  std::lock_guard lock(mu_);
  env_[std::move(name)] = std::move(value);
}

inline void FakeHost::UnsetEnv(const std::string& name) {
  std::lock_guard lock(mu_);
  env_.erase(name);
}

}  // namespace mensor::testing

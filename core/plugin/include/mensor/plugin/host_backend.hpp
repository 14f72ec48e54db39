#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <mensor/abi.h>

namespace mensor::plugin {

// An outgoing request made by a plugin through http_send, copied out of the C structs.
struct HttpCall {
  std::string method, url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string auth_scope;                // non-empty: the backend adds a token for this scope
  std::chrono::milliseconds timeout{0};  // already clipped to the call's deadline; 0 = default
};

// status > 0: an HTTP response (any code). status == 0: a transport failure described by
// `error`; `failure` may name the MENSOR_E_* to report (TIMEOUT, UNAUTHENTICATED when no token
// could be obtained, CANCELLED, ...). Left at MENSOR_OK the host reports TIMEOUT if the deadline
// has passed and UNAVAILABLE otherwise.
struct HttpResult {
  int status = 0;
  std::string error;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  mensor_status failure = MENSOR_OK;
};

// Handles a GET on a registered route: fill the reply through the reply_* functions of
// HostApi() (or the mensor_http_reply members directly).
using RouteFn = std::function<void(const mensor_http_request_view&, mensor_http_reply*)>;

// What the host table needs from the rest of the agent. The agent implements it over its HTTP
// client, HTTP server, auth token cache and clocks, and installs it with SetHostBackend().
//
// Thread-safety: every method may be called concurrently from any thread (T8).
class HostBackend {
 public:
  virtual ~HostBackend() = default;
  // Blocking; adds the Authorization header for auth_scope; must give up at deadline_mono_ns
  // (0 = none).
  virtual HttpResult HttpSend(const HttpCall& call, int64_t deadline_mono_ns) = 0;
  // false if the path is taken.
  virtual bool AddRoute(std::string path, RouteFn handler) = 0;
  virtual std::optional<std::string> GetEnv(const char* name) = 0;
  virtual int64_t NowUnixNs() = 0;
  virtual int64_t NowMonoNs() = 0;
};

}  // namespace mensor::plugin

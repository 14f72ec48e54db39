// One libcurl connection for a push sink: POSTs with deadlines, cancellation and bounded
// responses, over HTTP/1.1, HTTP/2 (TLS) or HTTP/2 with prior knowledge (h2c, for gRPC).
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/call.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace mensor::sinks {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct PushRequest {
  std::string url;
  HeaderList headers;
  std::string body;
  std::chrono::milliseconds timeout{10000};
  bool http2 = false;  // gRPC: HTTP/2 (prior knowledge on http://, ALPN on https://)
};

struct PushResponse {
  mensor_status transport = MENSOR_OK;  // UNAVAILABLE, TIMEOUT or CANCELLED when no answer
  std::string error;                    // transport failure text
  long status = 0;                      // HTTP status
  std::string body;                     // at most kMaxResponseBytes
  HeaderList headers;                   // response headers then trailers; names lower-cased

  /// The first header or trailer `name` (lower-case), or "".
  std::string Header(std::string_view name) const;
};

/// Keeps one libcurl easy handle, so the connection is reused across writes. The deadline of a
/// send is the earlier of the request's timeout and the call's deadline; cancelling the call
/// aborts the transfer. Not thread-safe: one sink worker uses it (T2).
class HttpPusher {
 public:
  static constexpr size_t kMaxResponseBytes = 64 * 1024;

  HttpPusher();
  ~HttpPusher();
  HttpPusher(const HttpPusher&) = delete;
  HttpPusher& operator=(const HttpPusher&) = delete;

  PushResponse Post(const PushRequest& request, const sdk::Call& call);

 private:
  void* easy_;
};

/// The remote-write / OTLP-HTTP rule: 2xx OK; 429 THROTTLED and 5xx or 408 UNAVAILABLE
/// (retried with back-off); 401/403 PERMISSION_DENIED and other statuses INVALID_ARGUMENT (not
/// retried: sending the same data again cannot succeed).
mensor_status StatusForHttp(long status);

/// "HTTP 503: <first line of the body>" for error messages.
std::string DescribeHttpFailure(const PushResponse& response);

}  // namespace mensor::sinks

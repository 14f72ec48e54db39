#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mensor/net/header_util.hpp"

namespace mensor::net {

struct ClientOptions {
  size_t max_in_flight = 64;  ///< Transfers handed to libcurl at once; the rest wait FIFO.
  size_t max_per_host = 16;   ///< CURLMOPT_MAX_HOST_CONNECTIONS.
  std::chrono::milliseconds connect_timeout{5000};
  std::string user_agent;
  bool verify_tls = true;
  size_t max_response_bytes = 64 * 1024 * 1024;  ///< Bigger bodies fail the request.
};

struct ClientRequest {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};  ///< Whole transfer, connect included.
};

struct ClientResponse {
  int status = 0;      ///< HTTP status; 0 means the transfer failed (see `error`).
  std::string error;   ///< Transport error text; never contains headers or bodies.
  HeaderList headers;  ///< Headers of the final response (no 100-continue / redirects).
  std::string body;
  std::chrono::microseconds elapsed{0};  ///< From handing to libcurl until completion.

  std::optional<std::string_view> Header(std::string_view name) const noexcept {
    return FindHeader(headers, name);
  }
};

/// Asynchronous HTTP client: the libcurl multi interface driven by one dedicated thread, with
/// connection reuse, a cap on transfers in flight and a FIFO queue in front of it.
///
/// Redirects are not followed; gzip/deflate responses are decoded transparently. Logs never
/// include request headers (Authorization) or bodies, nor URL query strings (SAS tokens).
///
/// Thread-safety: Submit(), Send(), stats() and Stop() may be called from any thread. Callbacks
/// run on the client thread, one at a time; they must be quick and should post real work to
/// the caller's own executor. Send() from a callback throws std::logic_error (it would deadlock).
class HttpClient {
 public:
  using Callback = std::function<void(ClientResponse)>;

  struct Stats {
    uint64_t started = 0;    ///< Transfers handed to libcurl.
    uint64_t completed = 0;  ///< Transfers that got an HTTP response (any status).
    uint64_t failed = 0;     ///< Transport failures, timeouts, cancellations.
    uint64_t in_flight = 0;  ///< Currently inside libcurl.
    uint64_t queued = 0;     ///< Waiting for a free slot.
  };

  explicit HttpClient(ClientOptions options = {});
  /// Stops the client (see Stop()).
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Queues `request`; never blocks on the network. `on_done` is called exactly once on the
  /// client thread — or inline with error "client stopped" if the client is already stopped.
  void Submit(ClientRequest request, Callback on_done);

  /// Blocking convenience for worker threads. Throws std::logic_error on the client thread.
  ClientResponse Send(ClientRequest request);

  /// Cancels queued and in-flight requests (their callbacks get status 0, error "cancelled")
  /// and joins the client thread. Idempotent; must not be called from a callback.
  void Stop();

  Stats stats() const noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mensor::net

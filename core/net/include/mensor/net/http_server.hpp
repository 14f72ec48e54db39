#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mensor/net/request.hpp"
#include "mensor/net/response.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace mensor::net {

namespace detail {
class ServerState;
}  // namespace detail

/// Limits and defaults of an HttpServer; the defaults are safe for an internet-facing port.
struct ServerOptions {
  std::string bind_address = "0.0.0.0";
  uint16_t port = 80;                  ///< 0 picks an ephemeral port; see HttpServer::port().
  size_t max_header_bytes = 8 * 1024;  ///< Larger request heads get 431.
  size_t max_body_bytes = 64 * 1024;   ///< Larger request bodies get 413.
  /// Time allowed for a whole request (head and body) once its first byte arrived; a slow
  /// client is disconnected when it expires.
  std::chrono::seconds read_timeout{10};
  /// Time a keep-alive connection may sit idle between requests.
  std::chrono::seconds idle_timeout{60};
  /// Connections beyond this are accepted and closed at once.
  size_t max_connections = 512;
  /// Added to every response, including errors (e.g. X-Version).
  std::vector<std::pair<std::string, std::string>> default_headers;
};

using Handler = std::function<void(const Request&, Response&)>;

/// Small HTTP/1.1 server for the agent's API and /metrics.
///
/// Routes are exact, case-insensitive path matches (Promitor lower-cases its routes). Unknown
/// paths get 404 `{"error":"not found"}`, a known path with another method 405 plus `Allow`.
/// HEAD is answered for every GET route. No `Server` header is sent. Keep-alive is honoured.
///
/// Thread-safety: register routes with Route() before Start(); afterwards the route table is
/// read-only. Handlers run on a thread that runs the io_context; if several threads run it,
/// handlers of different connections may run concurrently. Handlers must be quick: they block
/// their connection's I/O. Stop() and the accessors may be called from any thread.
class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Registers `handler` for `method` (upper-case, e.g. "GET") on `path`.
  void Route(std::string method, std::string path, Handler handler);

  /// Binds and listens, then starts accepting on the io_context. Throws std::system_error
  /// (message names the address and port) when binding fails, e.g. port already in use.
  void Start();

  /// Closes the listener and every connection. The closing is posted to the io_context and
  /// happens as soon as it runs; in-progress handlers finish first. Afterwards the server holds
  /// no pending work, so io_context::run() returns unless the caller has other work on it.
  void Stop();

  /// Actual listening port (useful with port 0); 0 before Start().
  uint16_t port() const noexcept;
  /// Connections currently open.
  size_t active_connections() const noexcept;
  /// Connections accepted since Start(), including ones rejected by max_connections.
  uint64_t accepted_connections() const noexcept;

 private:
  // Shared with the connections so that handlers still queued on the io_context after the
  // server is destroyed never touch freed memory.
  std::shared_ptr<detail::ServerState> state_;
};

}  // namespace mensor::net

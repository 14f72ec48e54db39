#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "mensor/net/http_client.hpp"
#include "mensor/net/http_server.hpp"

namespace mensor::net::testing {

/// Polls `predicate` until it holds or `timeout` passes; returns its last value.
bool PollUntil(const std::function<bool()>& predicate,
               std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// A GET request for `url` with default settings.
inline ClientRequest GetTo(std::string url) {
  ClientRequest request;
  request.url = std::move(url);
  return request;
}

/// ServerOptions bound to 127.0.0.1 on an ephemeral port.
ServerOptions LocalOptions();

/// An HttpServer running on its own io_context threads.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = LocalOptions());
  ~TestServer();

  HttpServer& server() { return server_; }
  uint16_t port() const { return server_.port(); }
  std::string Url(const std::string& path) const;

  /// Starts listening and runs the io_context on `threads` threads.
  void Start(int threads = 1);
  /// Stop()s the server and waits up to `timeout` for every io thread to return.
  bool StopAndJoin(std::chrono::milliseconds timeout);

 private:
  boost::asio::io_context io_;
  HttpServer server_;
  std::vector<std::thread> threads_;
  std::atomic<int> running_{0};
};

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool Has(const std::string& lower_name) const { return headers.count(lower_name) > 0; }
};

/// A blocking TCP client for speaking raw HTTP at the server.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port);
  ~RawConnection();
  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& data);
  /// Reads one response; with `head` the body is not read despite Content-Length.
  std::optional<RawResponse> ReadResponse(bool head = false);
  /// True if the peer closes (EOF or reset) within `timeout`.
  bool WaitClosed(std::chrono::milliseconds timeout);

 private:
  bool Fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace mensor::net::testing

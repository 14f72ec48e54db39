#pragma once

// Private to mensor_net: the state an HttpServer shares with its connections.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "mensor/net/http_server.hpp"

namespace mensor::net::detail {

class Session;

/// Creates a connection for `socket` and starts reading (defined in http_session.cpp).
void StartSession(const std::shared_ptr<ServerState>& server, boost::asio::ip::tcp::socket socket);
/// Posts a close of `session` to its strand (defined in http_session.cpp).
void CloseSessionAsync(const std::shared_ptr<Session>& session);

/// Routes, options, listener and connection registry of one HttpServer.
/// Thread-safety: routes are written before Start() only; the registry is mutex-guarded; the
/// acceptor is touched only on its strand.
class ServerState : public std::enable_shared_from_this<ServerState> {
 public:
  ServerState(boost::asio::io_context& io, ServerOptions options);

  void AddRoute(std::string method, std::string path, Handler handler);
  void Start();
  void Stop();

  /// Runs the matching handler or produces 404/405/500.
  void Dispatch(const Request& request, Response& response) const;

  const ServerOptions& options() const noexcept { return options_; }
  bool stopped() const noexcept { return stopped_.load(std::memory_order_acquire); }

  /// Returns false when the server is stopping and the session should close.
  bool Register(const std::shared_ptr<Session>& session);
  void Unregister(const Session* session) noexcept;

  std::atomic<uint16_t> port{0};
  std::atomic<size_t> active{0};
  std::atomic<uint64_t> accepted{0};

 private:
  struct MethodHandler {
    std::string method;
    Handler handler;
  };

  void DoAccept();
  void OnAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);
  const Handler* FindHandler(const std::vector<MethodHandler>& methods,
                             std::string_view method) const;

  boost::asio::io_context& io_;
  const ServerOptions options_;
  std::unordered_map<std::string, std::vector<MethodHandler>> routes_;  // key: lower-case path
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // backs off after accept errors such as EMFILE
  std::atomic<bool> stopped_{false};
  std::atomic<bool> started_{false};

  std::mutex mu_;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
};

}  // namespace mensor::net::detail

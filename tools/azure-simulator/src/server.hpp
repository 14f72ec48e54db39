// The loopback HTTP/1.1 listener (Boost.Beast). One io_context thread serves every connection;
// injected delays wait on asynchronous timers so a slow answer never blocks the others.
#pragma once

#include <cstdint>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "simulator.hpp"

namespace mensor::sim {

inline constexpr size_t kMaxHeaderBytes = 16 * 1024;
inline constexpr size_t kMaxBodyBytes = 256 * 1024;

class HttpServer {
 public:
  // Binds and listens immediately (port 0 picks a free port), so port() is valid at once.
  HttpServer(Simulator& simulator, const std::string& address, uint16_t port);

  uint16_t port() const { return port_; }
  boost::asio::io_context& context() { return context_; }

  void Run();   // Serves until Stop().
  void Stop();  // Safe from any thread and from signal handlers run by the io_context.

 private:
  void Accept();

  Simulator& simulator_;
  boost::asio::io_context context_{1};
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
};

}  // namespace mensor::sim

#include "mensor/net/http_server.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <system_error>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "server_state.hpp"

namespace mensor::net {
namespace detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

ServerState::ServerState(asio::io_context& io, ServerOptions options)
    : io_(io),
      options_(std::move(options)),
      strand_(asio::make_strand(io)),
      acceptor_(strand_),
      retry_timer_(strand_) {}

void ServerState::AddRoute(std::string method, std::string path, Handler handler) {
  if (started_.load()) throw std::logic_error("HttpServer::Route() after Start()");
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  auto& methods = routes_[ToLowerAscii(path)];
  for (auto& entry : methods) {
    if (entry.method == method) {
      entry.handler = std::move(handler);
      return;
    }
  }
  methods.push_back({std::move(method), std::move(handler)});
}

void ServerState::Start() {
  if (started_.exchange(true)) throw std::logic_error("HttpServer::Start() called twice");
  const std::string where = options_.bind_address + ":" + std::to_string(options_.port);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options_.bind_address, ec);
  if (ec) throw std::system_error(ec, "invalid bind address " + options_.bind_address);
  const tcp::endpoint endpoint(address, options_.port);
  // reuse_address lets a restarted agent rebind while old connections sit in TIME_WAIT; on
  // Linux it does not allow two live listeners on one port, so "port taken" is still reported.
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.close();
    throw std::system_error(ec, "cannot listen on " + where);
  }
  port.store(acceptor_.local_endpoint().port());
  spdlog::info("HTTP server listening on {}:{}", options_.bind_address, port.load());
  asio::post(strand_, [self = shared_from_this()] { self->DoAccept(); });
}

void ServerState::DoAccept() {
  if (stopped() || !acceptor_.is_open()) return;
  // Each connection gets its own strand so the server is safe on a multi-threaded io_context.
  acceptor_.async_accept(
      asio::make_strand(io_),
      [self = shared_from_this()](const boost::system::error_code& ec, tcp::socket socket) {
        self->OnAccept(ec, std::move(socket));
      });
}

void ServerState::OnAccept(const boost::system::error_code& ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || stopped()) return;
  if (ec) {
    // Typically EMFILE/ENFILE: retrying at once would spin, so back off briefly.
    spdlog::warn("HTTP accept failed: {}", ec.message());
    retry_timer_.expires_after(std::chrono::milliseconds(100));
    retry_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& e) {
      if (!e) self->DoAccept();
    });
    return;
  }
  accepted.fetch_add(1);
  if (active.load() >= options_.max_connections) {
    spdlog::debug("HTTP connection limit {} reached, closing new connection",
                  options_.max_connections);
    boost::system::error_code ignored;
    socket.close(ignored);
  } else {
    StartSession(shared_from_this(), std::move(socket));
  }
  DoAccept();
}

void ServerState::Stop() {
  if (stopped_.exchange(true, std::memory_order_acq_rel)) return;
  asio::post(strand_, [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mu_);
    live.reserve(sessions_.size());
    for (auto& [key, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  // Released outside the lock: the last reference may run ~Session, which unregisters.
  for (auto& session : live) CloseSessionAsync(session);
}

bool ServerState::Register(const std::shared_ptr<Session>& session) {
  {
    std::lock_guard lock(mu_);
    sessions_.emplace(session.get(), session);
  }
  // Checked after registering so a concurrent Stop() either sees this session or we see it.
  return !stopped();
}

void ServerState::Unregister(const Session* session) noexcept {
  std::lock_guard lock(mu_);
  sessions_.erase(session);
}

const Handler* ServerState::FindHandler(const std::vector<MethodHandler>& methods,
                                        std::string_view method) const {
  for (const auto& entry : methods) {
    if (entry.method == method) return &entry.handler;
  }
  return nullptr;
}

void ServerState::Dispatch(const Request& request, Response& response) const {
  const auto route = routes_.find(ToLowerAscii(request.path));
  if (route == routes_.end()) {
    response.SetJson(404, R"({"error":"not found"})");
    return;
  }
  const Handler* handler = FindHandler(route->second, request.method);
  if (handler == nullptr && request.method == "HEAD") handler = FindHandler(route->second, "GET");
  if (handler == nullptr) {
    std::string allow;
    for (const auto& entry : route->second) {
      if (!allow.empty()) allow += ", ";
      allow += entry.method;
      if (entry.method == "GET" && !FindHandler(route->second, "HEAD")) allow += ", HEAD";
    }
    response.SetJson(405, R"({"error":"method not allowed"})");
    response.headers.emplace_back("Allow", std::move(allow));
    return;
  }
  try {
    (*handler)(request, response);
  } catch (const std::exception& e) {
    spdlog::error("HTTP handler for {} {} threw: {}", request.method, request.path, e.what());
    response = Response{};
    response.SetJson(500, R"({"error":"internal error"})");
  } catch (...) {
    spdlog::error("HTTP handler for {} {} threw a non-exception", request.method, request.path);
    response = Response{};
    response.SetJson(500, R"({"error":"internal error"})");
  }
}

}  // namespace detail

HttpServer::HttpServer(boost::asio::io_context& io, ServerOptions options)
    : state_(std::make_shared<detail::ServerState>(io, std::move(options))) {}

HttpServer::~HttpServer() { state_->Stop(); }

void HttpServer::Route(std::string method, std::string path, Handler handler) {
  state_->AddRoute(std::move(method), std::move(path), std::move(handler));
}

void HttpServer::Start() { state_->Start(); }
void HttpServer::Stop() { state_->Stop(); }
uint16_t HttpServer::port() const noexcept { return state_->port.load(); }
size_t HttpServer::active_connections() const noexcept { return state_->active.load(); }
uint64_t HttpServer::accepted_connections() const noexcept { return state_->accepted.load(); }

}  // namespace mensor::net

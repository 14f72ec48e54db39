#include "server.hpp"

#include <chrono>
#include <memory>
#include <optional>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mensor::sim {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(30);

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Simulator& simulator)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), simulator_(simulator) {}

  void Start() { Read(); }

 private:
  void Read() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(kMaxBodyBytes);
    stream_.expires_after(kIdleTimeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    // A client sees Azure's latency from its request to the answer, Azure's own work included:
    // the simulator's time to build the answer counts towards the configured delay.
    read_at_ = std::chrono::steady_clock::now();
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      SimResponse too_large = JsonResponse(
          ec == http::error::body_limit ? 413 : 431,
          {{"error",
            {{"code", "RequestTooLarge"}, {"message", "The request exceeds the size limit."}}}});
      Send(too_large, 11, false);
      return;
    }
    if (ec) {
      Close();
      return;
    }
    const auto& request = parser_->get();
    FieldList headers;
    for (const auto& field : request) {
      headers.Add(std::string(field.name_string()), std::string(field.value()));
    }
    const SimRequest sim_request =
        SimRequest::Make(std::string(request.method_string()), std::string(request.target()),
                         std::move(headers), request.body());
    Send(simulator_.Handle(sim_request), request.version(), request.keep_alive());
  }

  void Send(const SimResponse& answer, unsigned version, bool keep_alive) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(answer.status));
    for (const auto& [name, value] : answer.headers.items()) response_.insert(name, value);
    response_.body() = answer.body;
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    if (answer.delay.count() > 0) {
      timer_.expires_at(read_at_ + answer.delay);
      timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) self->Write();
      });
    } else {
      Write();
    }
  }

  void Write() {
    stream_.expires_after(kIdleTimeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec || !self->response_.keep_alive()) {
                          self->Close();
                        } else {
                          self->Read();
                        }
                      });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  std::chrono::steady_clock::time_point read_at_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  Simulator& simulator_;
};

}  // namespace

HttpServer::HttpServer(Simulator& simulator, const std::string& address, uint16_t port)
    : simulator_(simulator), acceptor_(context_) {
  const tcp::endpoint endpoint(asio::ip::make_address(address), port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
  Accept();
}

void HttpServer::Accept() {
  acceptor_.async_accept(asio::make_strand(context_),
                         [this](beast::error_code ec, tcp::socket socket) {
                           if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
                           if (!ec)
                             std::make_shared<Session>(std::move(socket), simulator_)->Start();
                           Accept();
                         });
}

void HttpServer::Run() { context_.run(); }

void HttpServer::Stop() {
  asio::post(context_, [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    context_.stop();
  });
}

}  // namespace mensor::sim

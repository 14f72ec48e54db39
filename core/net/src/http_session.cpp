// The only translation unit that instantiates Beast's HTTP parser and serializer, to keep
// compile times of the rest of the project low.

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server_state.hpp"

namespace mensor::net::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

// After an error response the peer may still be sending (e.g. the body we refused). Closing with
// unread data makes the kernel send RST, which can destroy our response before the client reads
// it, so we drain for a short while first.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr size_t kLingerMaxBytes = 1024 * 1024;

bool IsManagedHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Connection") ||
         EqualsIgnoreCase(name, "Transfer-Encoding") || EqualsIgnoreCase(name, "Content-Type");
}

}  // namespace

/// One HTTP/1.1 connection. All members are touched only on the socket's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<ServerState> server, tcp::socket socket)
      : server_(std::move(server)),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        buffer_(server_->options().max_header_bytes + server_->options().max_body_bytes) {
    server_->active.fetch_add(1);
  }

  ~Session() {
    server_->Unregister(this);
    server_->active.fetch_sub(1);
  }

  void Start() {
    if (!server_->Register(shared_from_this())) return;  // dropping the socket closes it
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    timer_.cancel();
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  tcp::socket::executor_type executor() { return socket_.get_executor(); }

 private:
  // Separates "idle between requests" (idle_timeout) from "request in progress" (read_timeout):
  // the read deadline only starts once the first byte of a request is available.
  void WaitForRequest() {
    if (closed_) return;
    if (buffer_.size() > 0) return ReadRequest();  // pipelined bytes already buffered
    ArmTimer(server_->options().idle_timeout);
    socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](error_code ec) {
      if (ec || self->closed_) return self->Close();
      self->ReadRequest();
    });
  }

  void ReadRequest() {
    const auto& options = server_->options();
    ArmTimer(options.read_timeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser_->body_limit(options.max_body_bytes);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(error_code ec) {
    if (closed_) return;
    if (ec == http::error::header_limit) {
      return SendError(431, R"({"error":"request header fields too large"})");
    }
    if (ec == http::error::body_limit) {
      return SendError(413, R"({"error":"payload too large"})");
    }
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return Close();
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return SendError(400, R"({"error":"bad request"})");
    }
    if (ec) return Close();  // reset, timeout-close, ...

    auto& message = parser_->get();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    const size_t question = request.target.find('?');
    request.path = request.target.substr(0, question);
    if (question != std::string::npos) request.query = request.target.substr(question + 1);
    request.headers.reserve(16);
    for (const auto& field : message) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    const bool keep_alive = message.keep_alive() && !server_->stopped();
    const unsigned version = message.version();
    parser_.reset();

    Response response;
    server_->Dispatch(request, response);
    Write(response, version, request.method == "HEAD", keep_alive);
  }

  void SendError(int status, const char* json) {
    Response response;
    response.SetJson(status, json);
    Write(response, 11, false, false);
  }

  // The header is serialized by Beast; the body goes out as the response's own segments (no
  // copy, however many). Header and body leave in one gather write: a separate small body write
  // would wait for the ACK of the header under Nagle's algorithm.
  void Write(const Response& response, unsigned version, bool head, bool keep_alive) {
    serializer_.reset();
    res_ = {};
    res_.version(version);
    res_.result(static_cast<unsigned>(response.status));
    for (const auto& [name, value] : server_->options().default_headers) res_.set(name, value);
    for (const auto& [name, value] : response.headers) {
      if (!IsManagedHeader(name)) res_.insert(name, value);
    }
    if (!response.content_type.empty()) {
      res_.set(http::field::content_type, response.content_type);
    }
    res_.content_length(response.BodySize());
    res_.keep_alive(keep_alive);

    std::vector<asio::const_buffer> buffers;
    serializer_.emplace(res_);
    serializer_->split(true);  // next() yields the header alone
    error_code ec;
    // The header buffers stay valid while serializer_ lives (until the next Write).
    serializer_->next(ec, [&buffers](error_code&, const auto& header) {
      for (asio::const_buffer buffer : beast::buffers_range_ref(header)) buffers.push_back(buffer);
    });
    if (ec) return Close();
    if (!head) {
      // Keeps the body alive while the buffers point into it.
      body_ = response.BodyOwner();
      for (std::string_view segment : response.BodySegments()) {
        if (!segment.empty()) buffers.emplace_back(segment.data(), segment.size());
      }
    }
    // A slow reader must not pin the connection forever either.
    ArmTimer(server_->options().idle_timeout);
    asio::async_write(socket_, buffers,
                      [self = shared_from_this(), keep_alive](error_code ec, size_t) {
                        self->OnWrite(ec, keep_alive);
                      });
  }

  void OnWrite(error_code ec, bool keep_alive) {
    body_.reset();
    serializer_.reset();
    if (closed_) return;
    if (ec) return Close();
    if (keep_alive && !server_->stopped()) return WaitForRequest();
    Linger();
  }

  void Linger() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    ArmTimer(kLingerTime);
    DrainSome();
  }

  void DrainSome() {
    buffer_.consume(buffer_.size());
    auto space = buffer_.prepare(std::min<size_t>(16 * 1024, buffer_.max_size()));
    socket_.async_read_some(space, [self = shared_from_this()](error_code ec, size_t n) {
      if (ec || self->closed_) return self->Close();
      self->drained_ += n;
      if (self->drained_ > kLingerMaxBytes) return self->Close();
      self->DrainSome();
    });
  }

  template <typename Duration>
  void ArmTimer(Duration timeout) {
    timer_.expires_after(timeout);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      // A handler may already be queued when the deadline was pushed back; re-check expiry.
      if (ec || self->closed_) return;
      if (self->timer_.expiry() > std::chrono::steady_clock::now()) return;
      self->Close();
    });
  }

  std::shared_ptr<ServerState> server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::empty_body> res_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;  // views res_
  std::shared_ptr<const void> body_;
  size_t drained_ = 0;
  bool closed_ = false;
};

void StartSession(const std::shared_ptr<ServerState>& server, tcp::socket socket) {
  std::make_shared<Session>(server, std::move(socket))->Start();
}

void CloseSessionAsync(const std::shared_ptr<Session>& session) {
  asio::post(session->executor(), [session] { session->Close(); });
}

}  // namespace mensor::net::detail

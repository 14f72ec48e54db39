#include "test_support.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mensor::sim::testing {

TimePoint FixedNow() {
  return std::chrono::sys_days(std::chrono::year(2026) / 11 / 28) + std::chrono::hours(12) +
         std::chrono::minutes(34) + std::chrono::seconds(30);
}

std::unique_ptr<Simulator> MakeSimulator(std::shared_ptr<TimePoint> now, SimulatorOptions options) {
  options.clock = [now] { return Clock::time_point(*now); };
  if (!options.signing_key) options.signing_key = "test-signing-key";
  return std::make_unique<Simulator>(std::move(options));
}

std::string ArmToken(const Simulator& simulator, const std::string& audience) {
  return simulator.issuer().Issue({std::string(kSimTenantId), "test-app", "test-object"}, audience,
                                  simulator.Now());
}

SimRequest Get(const std::string& target, const std::string& token) {
  FieldList headers;
  if (!token.empty()) headers.Add("Authorization", "Bearer " + token);
  return SimRequest::Make("GET", target, std::move(headers));
}

HttpResult HttpCall(uint16_t port, const std::string& method, const std::string& target,
                    const std::map<std::string, std::string>& headers, const std::string& body) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  boost::asio::io_context context;
  beast::tcp_stream stream(context);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buffer, parser);
  const auto& response = parser.get();
  HttpResult result;
  result.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::string(field.value());
  }
  result.body = response.body();
  beast::error_code ignored;
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  return result;
}

}  // namespace mensor::sim::testing

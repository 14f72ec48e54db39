#include "mensor/agent/agent_backend.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "mensor/plugin/detail/results.hpp"
#include "mensor/util/strings.hpp"

namespace mensor::agent {
namespace {

mensor_str View(const std::string& text) { return mensor_str{text.data(), text.size()}; }

}  // namespace

AgentBackend::AgentBackend(net::HttpClient& client, net::HttpServer& server, GetToken get_token,
                           RejectToken reject_token)
    : client_(client),
      server_(server),
      get_token_(std::move(get_token)),
      reject_token_(std::move(reject_token)) {}

plugin::HttpResult AgentBackend::HttpSend(const plugin::HttpCall& call, int64_t deadline_mono_ns) {
  plugin::HttpResult result;
  net::ClientRequest request;
  request.method = call.method.empty() ? "GET" : call.method;
  request.url = call.url;
  request.headers = call.headers;
  request.body = call.body;
  if (call.timeout.count() > 0) request.timeout = call.timeout;
  if (deadline_mono_ns > 0) {
    const auto left = std::chrono::milliseconds((deadline_mono_ns - NowMonoNs()) / 1000000);
    if (left.count() <= 0) {
      result.error = "deadline passed before the request was sent";
      result.failure = MENSOR_E_TIMEOUT;
      return result;
    }
    request.timeout = std::min(request.timeout, left);
  }
  std::string token;
  const auto authorize = [&]() -> bool {
    try {
      token = get_token_(call.auth_scope);
    } catch (const std::exception& error) {
      result.error = std::string("no access token: ") + error.what();
      result.failure = MENSOR_E_UNAUTHENTICATED;
      return false;
    }
    request.headers.emplace_back("Authorization", "Bearer " + token);
    return true;
  };
  if (!call.auth_scope.empty() && !authorize()) return result;
  net::ClientResponse response = client_.Send(request);
  if (response.status == 401 && !call.auth_scope.empty() && reject_token_) {
    // One renewal and retry, as for the agent's own ARM calls.
    reject_token_(call.auth_scope, token);
    request.headers.pop_back();
    if (!authorize()) return result;
    response = client_.Send(request);
  }
  result.status = response.status;
  result.error = std::move(response.error);
  result.headers = std::move(response.headers);
  result.body = std::move(response.body);
  return result;
}

bool AgentBackend::AddRoute(std::string path, plugin::RouteFn handler) {
  for (const auto& existing : routes_) {
    if (util::EqualsIgnoreCase(existing, path)) return false;
  }
  routes_.push_back(path);
  server_.Route(
      "GET", path,
      [handler = std::move(handler)](const net::Request& request, net::Response& response) {
        std::vector<mensor_http_header> headers;
        headers.reserve(request.headers.size());
        for (const auto& [name, value] : request.headers)
          headers.push_back({View(name), View(value)});
        mensor_http_request_view view{sizeof(mensor_http_request_view),
                                      View(request.method),
                                      View(request.path),
                                      View(request.query),
                                      headers.data(),
                                      headers.size()};
        mensor_http_reply reply;
        handler(view, &reply);
        response.status = reply.status;
        response.content_type = reply.content_type;
        response.headers = std::move(reply.headers);
        if (reply.shared_owner) {
          response.SetExternalBody(std::move(reply.shared_segments), std::move(reply.shared_owner));
        } else {
          response.SetBody(std::move(reply.body));
        }
      });
  return true;
}

std::optional<std::string> AgentBackend::GetEnv(const char* name) {
  if (const char* value = std::getenv(name)) return std::string(value);
  return std::nullopt;
}

int64_t AgentBackend::NowUnixNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t AgentBackend::NowMonoNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace mensor::agent

#pragma once

#include <functional>
#include <string>

#include "mensor/net/http_client.hpp"
#include "mensor/net/http_server.hpp"
#include "mensor/plugin/host_backend.hpp"

namespace mensor::agent {

/// The agent's side of the plugin host table: plugins' HTTP goes through the shared client,
/// their routes onto the agent's HTTP server, and tokens for `auth_scope` come from `get_token`
/// (the configured auth mode's cache) so plugins never handle credentials.
///
/// Thread-safe, except AddRoute, which must be called before the server starts (sinks register
/// routes in start(), which the agent runs first).
class AgentBackend final : public plugin::HostBackend {
 public:
  using GetToken = std::function<std::string(const std::string& scope)>;
  /// Drops a token the service rejected (401) so the next GetToken renews it.
  using RejectToken = std::function<void(const std::string& scope, const std::string& token)>;

  /// With `reject_token`, a 401 answer to a request with auth_scope is retried once with a
  /// renewed token (a revoked or rotated token must not fail a whole scrape).
  AgentBackend(net::HttpClient& client, net::HttpServer& server, GetToken get_token,
               RejectToken reject_token = nullptr);

  plugin::HttpResult HttpSend(const plugin::HttpCall& call, int64_t deadline_mono_ns) override;
  bool AddRoute(std::string path, plugin::RouteFn handler) override;
  std::optional<std::string> GetEnv(const char* name) override;
  int64_t NowUnixNs() override;
  int64_t NowMonoNs() override;

  /// Paths registered so far, in order.
  const std::vector<std::string>& routes() const { return routes_; }

 private:
  net::HttpClient& client_;
  net::HttpServer& server_;
  GetToken get_token_;
  RejectToken reject_token_;
  std::vector<std::string> routes_;
};

}  // namespace mensor::agent

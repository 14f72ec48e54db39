#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <yaml-cpp/yaml.h>

#include "mensor/agent/token_cache.hpp"
#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/detail/config.hpp"
#include "mensor/plugin/registered_types.hpp"

namespace mensor::agent {

/// The configured auth mode's instance and its token cache. Tokens are fetched through the
/// plugin's get_token, one call at a time (T2 of abi.h), and cached per scope.
///
/// Thread-safe after Create(); Create and Destroy run on the control thread.
class AuthSession {
 public:
  AuthSession(plugin::RegisteredAuthMode mode, YAML::Node config);
  ~AuthSession();
  AuthSession(const AuthSession&) = delete;
  AuthSession& operator=(const AuthSession&) = delete;

  /// Creates the plugin instance; throws std::runtime_error with the plugin's message.
  void Create();
  void Destroy();

  TokenCache& tokens() { return tokens_; }
  /// The authentication.mode value, e.g. "ServicePrincipal".
  const std::string& mode_name() const { return ctx_.instance; }

 private:
  AccessToken Fetch(const std::string& scope);

  plugin::RegisteredAuthMode mode_;
  mensor_config config_;
  mensor_host_ctx ctx_;
  void* instance_ = nullptr;
  std::mutex mutex_;  // serialises get_token and destroy
  TokenCache tokens_;
};

}  // namespace mensor::agent

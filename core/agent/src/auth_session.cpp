#include "mensor/agent/auth_session.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "mensor/agent/plugin_create_error.hpp"
#include "mensor/plugin/detail/results.hpp"

namespace mensor::agent {
namespace {
// A token request that hangs must not stall scraping forever, yet IMDS retries while an identity
// is being assigned need about 30 s (Microsoft's 0, 2, 6, 14, 30 s back-off) plus the requests.
constexpr std::chrono::seconds kTokenDeadline{60};
}  // namespace

AuthSession::AuthSession(plugin::RegisteredAuthMode mode, YAML::Node config)
    : mode_(std::move(mode)),
      config_(std::move(config), "runtime.yaml (authentication)", true, mode_.desc.config),
      tokens_([this](const std::string& scope) { return Fetch(scope); }) {
  ctx_.plugin = mode_.library;
  ctx_.instance = mode_.desc.name != nullptr ? mode_.desc.name : "";
}

AuthSession::~AuthSession() { Destroy(); }

void AuthSession::Create() {
  mensor_call call;
  call.ctx = &ctx_;
  const mensor_status status = mode_.desc.create(&ctx_, &config_, &call, &instance_);
  if (status != MENSOR_OK || instance_ == nullptr) {
    instance_ = nullptr;
    ThrowCreateFailure("authentication mode '" + ctx_.instance + "' could not be set up", status,
                       call);
  }
}

void AuthSession::Destroy() {
  std::lock_guard lock(mutex_);
  if (instance_ != nullptr) mode_.desc.destroy(instance_);
  instance_ = nullptr;
}

AccessToken AuthSession::Fetch(const std::string& scope) {
  std::lock_guard lock(mutex_);
  if (instance_ == nullptr) throw std::runtime_error("the authentication mode is not running");
  mensor_call call;
  call.ctx = &ctx_;
  call.deadline_mono_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(
          (std::chrono::steady_clock::now() + kTokenDeadline).time_since_epoch())
          .count();
  mensor_token_out out;
  const mensor_status status =
      mode_.desc.get_token(instance_, &call, mensor_str{scope.data(), scope.size()}, &out);
  if (status != MENSOR_OK || !out.is_set) {
    throw std::runtime_error(call.error_message.empty()
                                 ? "the authentication mode returned status " +
                                       std::to_string(status) + " without a token"
                                 : call.error_message);
  }
  const auto expires = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(out.expires_unix_ns)));
  spdlog::debug("{} issued a token for {}, valid for {} s", ctx_.instance, scope,
                std::chrono::duration_cast<std::chrono::seconds>(
                    expires - std::chrono::system_clock::now())
                    .count());
  return AccessToken{std::move(out.token), expires};
}

}  // namespace mensor::agent

// Logging through the host (which prefixes plugin and instance names).
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/host.hpp>

#include <string_view>

namespace mensor::sdk {

/// \brief Logs through host->log. A null ctx logs at library level.
/// Never throws: before register (no host) messages are dropped.
/// Ownership: borrows the ctx, which the host keeps alive for the instance's lifetime.
/// Thread-safety: thread-safe, usable from plugin threads (T6, T8).
class Logger {
 public:
  explicit Logger(mensor_host_ctx* ctx = nullptr) : ctx_(ctx) {}

  void Trace(std::string_view message) const { Log(MENSOR_LOG_TRACE, message); }
  void Debug(std::string_view message) const { Log(MENSOR_LOG_DEBUG, message); }
  void Info(std::string_view message) const { Log(MENSOR_LOG_INFO, message); }
  void Warn(std::string_view message) const { Log(MENSOR_LOG_WARN, message); }
  void Error(std::string_view message) const { Log(MENSOR_LOG_ERROR, message); }
  void Critical(std::string_view message) const { Log(MENSOR_LOG_CRITICAL, message); }

  /// Check before building expensive messages.
  bool Enabled(int32_t level) const {
    const mensor_host_api* api = detail::g_host_api.load(std::memory_order_acquire);
    return api != nullptr && api->log_enabled(ctx_, level);
  }

  void Log(int32_t level, std::string_view message) const {
    const mensor_host_api* api = detail::g_host_api.load(std::memory_order_acquire);
    if (api != nullptr) api->log(ctx_, level, detail::ToStr(message));
  }

  mensor_host_ctx* raw() const { return ctx_; }

 private:
  mensor_host_ctx* ctx_;
};

}  // namespace mensor::sdk

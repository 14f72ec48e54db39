// What an auth-mode or sink constructor receives.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/call.hpp>
#include <mensor/sdk/config.hpp>
#include <mensor/sdk/logger.hpp>

namespace mensor::sdk {

/// \brief Configuration, logger and call of a create. The config and call are valid only during
/// the constructor (T5): copy what you need. The raw ctx and the logger stay valid for the
/// instance's lifetime. Thread-safety: control thread (T1).
class InitContext {
 public:
  InitContext(mensor_host_ctx* ctx, const mensor_config* config, mensor_call* call)
      : ctx_(ctx), config_(config), logger_(ctx), call_(call) {}

  const Config& config() const { return config_; }
  const Logger& logger() const { return logger_; }
  Call& call() { return call_; }
  mensor_host_ctx* raw() const { return ctx_; }

 private:
  mensor_host_ctx* ctx_;
  Config config_;
  Logger logger_;
  Call call_;
};

}  // namespace mensor::sdk

#pragma once

#include <stdexcept>
#include <string>

#include "mensor/abi.h"
#include "mensor/plugin/detail/call.hpp"

namespace mensor::agent {

/// A plugin instance refused its configuration (MENSOR_E_CONFIG from create()): the agent reports
/// it like any other configuration error (exit code 2), not as a failure to start.
class PluginConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Throws for a failed create(): PluginConfigError when the plugin said MENSOR_E_CONFIG, else
/// std::runtime_error; the message is `what` followed by the plugin's own message.
[[noreturn]] inline void ThrowCreateFailure(const std::string& what, mensor_status status,
                                            const mensor_call& call) {
  const std::string message =
      what + ": " +
      (call.error_message.empty() ? "status " + std::to_string(status) : call.error_message);
  if (status == MENSOR_E_CONFIG) throw PluginConfigError(message);
  throw std::runtime_error(message);
}

}  // namespace mensor::agent

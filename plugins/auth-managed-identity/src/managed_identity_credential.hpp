// A managed identity as a token source over the host (HTTP, clocks, deadline, logging): shared by
// the two managed-identity modes and by SdkDefault's last link.
#pragma once

#include <mensor/sdk/auth_mode.hpp>
#include <mensor/sdk/call.hpp>
#include <mensor/sdk/logger.hpp>

#include <string>
#include <string_view>

#include "retry_policy.hpp"
#include "token_request.hpp"

namespace mensor::managed_identity {

/// \brief The back-off policy, with MENSOR_MANAGED_IDENTITY_RETRY_DELAY_MS (first delay in ms;
/// tests use it to avoid waiting) applied when set. Logs a warning for an unusable value.
RetryPolicy PolicyFromEnvironment(const sdk::Logger& logger);

/// \brief Thread-compatible: the host calls GetToken one at a time per auth-mode instance.
class ManagedIdentityCredential {
 public:
  ManagedIdentityCredential(IdentitySelector identity, sdk::Logger logger);

  /// Fetches from App Service / IMDS as the environment says, retrying transient answers.
  /// Throws sdk::Error without the token or the identity header.
  sdk::Token GetToken(sdk::Call& call, std::string_view scope);

  /// "IMDS (client id X)" and the like, for logs.
  std::string Describe() const;

 private:
  IdentitySelector identity_;
  sdk::Logger logger_;
  RetryPolicy policy_;
};

}  // namespace mensor::managed_identity

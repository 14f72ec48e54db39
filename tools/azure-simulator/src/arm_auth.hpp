// ARM front-door authentication: every ARM call needs a valid bearer token for an ARM audience.
#pragma once

#include <optional>

#include "http_types.hpp"
#include "token.hpp"

namespace mensor::sim {

bool IsArmAudience(std::string_view audience);

// Nothing when the request may proceed; otherwise the 401 ARM would send, with the wrapped
// error body and a WWW-Authenticate challenge.
std::optional<SimResponse> CheckArmAuthorization(const SimRequest& request,
                                                 const TokenIssuer& issuer, TimePoint now);

// Who a request that passed CheckArmAuthorization comes from (the token's object id and app
// id): Resource Graph counts its quota per user.
std::string ArmCaller(const SimRequest& request, const TokenIssuer& issuer, TimePoint now);

// The same checks for the metrics data plane (getBatch): the token must be for the metrics
// audience https://metrics.monitor.azure.com, not ARM.
std::optional<SimResponse> CheckMetricsAuthorization(const SimRequest& request,
                                                     const TokenIssuer& issuer, TimePoint now);

}  // namespace mensor::sim

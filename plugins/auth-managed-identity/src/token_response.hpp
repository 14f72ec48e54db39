// Interpreting managed-identity token endpoint responses.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/azure/token_response.hpp>

#include <string>
#include <string_view>

#include "token_request.hpp"

namespace mensor::managed_identity {

using sdk::azure::AccessToken;

/// \brief Parses a 200 body. Expiry comes from `expires_on` (epoch seconds, string or number)
/// or else `expires_in` (seconds from now_unix_ns). Throws sdk::Error(UNAVAILABLE) for a body
/// without token or expiry; the message never contains the token.
AccessToken ParseTokenResponse(EndpointKind kind, std::string_view body, int64_t now_unix_ns);

/// \brief "<endpoint kind> returned <status>: <error>: <error_description>" for a non-200
/// response; falls back to a short, sanitised body excerpt when the body is not the usual
/// `{"error","error_description"}` JSON.
std::string DescribeErrorResponse(EndpointKind kind, int status, std::string_view body);

/// \brief Status to report once a non-200 response is final: THROTTLED for 429, UNAVAILABLE
/// for 404/410/5xx (IMDS updating, transient), UNAUTHENTICATED otherwise (identity not
/// assigned, bad resource, missing header).
mensor_status ClassifyStatus(int status);

/// \brief Whether the response is worth retrying: 429 and 5xx everywhere, 404 and 410 only
/// from IMDS (it answers them while it is being updated).
bool IsRetryableStatus(EndpointKind kind, int status);

}  // namespace mensor::managed_identity

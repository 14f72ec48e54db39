// Reading the outcome of a unary gRPC call made over plain HTTP/2 (libcurl).
#pragma once

#include <mensor/abi.h>

#include <string>

#include "http_pusher.hpp"

namespace mensor::otlp {

struct GrpcOutcome {
  mensor_status status = MENSOR_OK;
  std::string message;  // for logs; empty on success
};

/// The call succeeded iff HTTP 200 and grpc-status 0 (in the trailers, or in the headers of a
/// trailers-only answer). Retryable as the OTLP specification says: CANCELLED, DEADLINE_EXCEEDED,
/// RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS; others are permanent.
GrpcOutcome ReadGrpcOutcome(const sinks::PushResponse& response);

}  // namespace mensor::otlp

#include "grpc_status.hpp"

#include <charconv>

namespace mensor::otlp {
namespace {

// grpc-message is percent-encoded.
std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int value = 0;
      auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (ec == std::errc() && end == text.data() + i + 3) {
        out += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

mensor_status ForGrpcCode(int code) {
  switch (code) {
    case 0:
      return MENSOR_OK;
    case 1:   // CANCELLED
    case 10:  // ABORTED
    case 11:  // OUT_OF_RANGE
    case 14:  // UNAVAILABLE
    case 15:  // DATA_LOSS
      return MENSOR_E_UNAVAILABLE;
    case 4:  // DEADLINE_EXCEEDED
      return MENSOR_E_TIMEOUT;
    case 8:  // RESOURCE_EXHAUSTED
      return MENSOR_E_THROTTLED;
    case 16:  // UNAUTHENTICATED
    case 7:   // PERMISSION_DENIED
      return MENSOR_E_PERMISSION_DENIED;
    case 12:  // UNIMPLEMENTED
      return MENSOR_E_UNSUPPORTED;
    default:
      return MENSOR_E_INVALID_ARGUMENT;
  }
}

}  // namespace

GrpcOutcome ReadGrpcOutcome(const sinks::PushResponse& response) {
  if (response.transport != MENSOR_OK) return {response.transport, response.error};
  if (response.status != 200) {
    return {sinks::StatusForHttp(response.status), sinks::DescribeHttpFailure(response)};
  }
  const std::string code_text = response.Header("grpc-status");
  int code = -1;
  auto [end, ec] = std::from_chars(code_text.data(), code_text.data() + code_text.size(), code);
  if (code_text.empty() || ec != std::errc() || end != code_text.data() + code_text.size()) {
    return {MENSOR_E_UNAVAILABLE, "the answer carries no grpc-status"};
  }
  if (code == 0) return {};
  return {ForGrpcCode(code),
          "grpc-status " + code_text + ": " + PercentDecode(response.Header("grpc-message"))};
}

}  // namespace mensor::otlp

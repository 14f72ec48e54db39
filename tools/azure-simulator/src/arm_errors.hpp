// ARM error bodies. The front door (auth, throttling, routing) wraps them in {"error":{…}};
// the single-resource metrics and metric-definition endpoints answer a flat {"code","message"}.
#pragma once

#include <stdexcept>
#include <string>

#include "http_types.hpp"

namespace mensor::sim {

enum class ErrorShape { kWrapped, kFlat };

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, ErrorShape shape)
      : std::runtime_error(message), status_(status), code_(std::move(code)), shape_(shape) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  ErrorShape shape() const { return shape_; }

 private:
  int status_;
  std::string code_;
  ErrorShape shape_;
};

inline ApiError BadRequest(const std::string& message) {
  return ApiError(400, "BadRequest", message, ErrorShape::kFlat);
}

inline SimResponse ArmErrorResponse(int status, const std::string& code, const std::string& message,
                                    ErrorShape shape = ErrorShape::kWrapped) {
  const nlohmann::json inner = {{"code", code}, {"message", message}};
  return JsonResponse(status,
                      shape == ErrorShape::kWrapped ? nlohmann::json{{"error", inner}} : inner);
}

inline SimResponse ArmErrorResponse(const ApiError& error) {
  return ArmErrorResponse(error.status(), error.code(), error.what(), error.shape());
}

}  // namespace mensor::sim

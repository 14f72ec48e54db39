#include "mensor/net/response.hpp"

namespace mensor::net {

void Response::SetBody(std::string text) {
  body = std::make_shared<const std::string>(std::move(text));
}

void Response::SetJson(int status_code, std::string json) {
  status = status_code;
  content_type = "application/json";
  SetBody(std::move(json));
}

void Response::SetText(int status_code, std::string text) {
  status = status_code;
  content_type = "text/plain; charset=utf-8";
  SetBody(std::move(text));
}

}  // namespace mensor::net

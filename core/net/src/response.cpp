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

size_t Response::BodySize() const noexcept {
  if (!external_owner) return body ? body->size() : 0;
  size_t size = 0;
  for (std::string_view segment : external_segments) size += segment.size();
  return size;
}

std::vector<std::string_view> Response::BodySegments() const {
  if (external_owner) return external_segments;
  if (body && !body->empty()) return {std::string_view(*body)};
  return {};
}

std::shared_ptr<const void> Response::BodyOwner() const {
  if (external_owner) return external_owner;
  return body;
}

}  // namespace mensor::net

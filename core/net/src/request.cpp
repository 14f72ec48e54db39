#include "mensor/net/request.hpp"

#include "mensor/util/url.hpp"

namespace mensor::net {

std::string Request::QueryParam(std::string_view name) const {
  for (auto& [key, value] : util::ParseQuery(query)) {
    if (key == name) return std::move(value);
  }
  return {};
}

bool Request::HasQueryParam(std::string_view name) const {
  for (const auto& [key, value] : util::ParseQuery(query)) {
    if (key == name) return true;
  }
  return false;
}

}  // namespace mensor::net

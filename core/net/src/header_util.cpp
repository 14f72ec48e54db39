#include "mensor/net/header_util.hpp"

namespace mensor::net {

std::optional<std::string_view> FindHeader(const HeaderList& headers,
                                           std::string_view name) noexcept {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace mensor::net

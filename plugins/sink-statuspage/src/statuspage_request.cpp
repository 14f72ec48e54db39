#include "statuspage_request.hpp"

#include <cmath>

#include "number_text.hpp"

namespace mensor::statuspage {
namespace {

std::string PathSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[static_cast<unsigned char>(c) >> 4];
      out += kHex[static_cast<unsigned char>(c) & 15];
    }
  }
  return out;
}

}  // namespace

std::string DataPointUrl(std::string_view base, std::string_view page_id,
                         std::string_view metric_id) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + "/v1/pages/" + PathSegment(page_id) + "/metrics/" +
         PathSegment(metric_id) + "/data";
}

std::optional<std::string> DataPointBody(int64_t unix_seconds, double value) {
  if (!std::isfinite(value)) return std::nullopt;
  return "{\"data\":{\"timestamp\":" + std::to_string(unix_seconds) +
         ",\"value\":" + sinks::FormatNumber(value) + "}}";
}

}  // namespace mensor::statuspage

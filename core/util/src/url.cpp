#include "mensor/util/url.hpp"

#include <mensor/sdk/azure/url.hpp>

namespace mensor::util {
namespace {

// The encoder is the SDK's header-only one, so the core and the plugins share a single copy.
using sdk::azure::IsUnreserved;

constexpr int HexValue(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 pchar plus '/': unreserved, sub-delims, ':' and '@'.
constexpr bool IsPathSafe(unsigned char c) noexcept {
  if (IsUnreserved(c)) return true;
  switch (c) {
    case '/':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '@':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string PercentEncode(std::string_view in, bool keep_slash) {
  return sdk::azure::PercentEncode(
      in, [keep_slash](unsigned char c) { return IsUnreserved(c) || (keep_slash && c == '/'); });
}

std::string PercentEncodePath(std::string_view path) {
  return sdk::azure::PercentEncode(path, IsPathSafe);
}

std::string PercentDecode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>((hi << 4) | lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(PercentDecode(part, true), std::string{});
    } else {
      out.emplace_back(PercentDecode(part.substr(0, eq), true),
                       PercentDecode(part.substr(eq + 1), true));
    }
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs) {
  return sdk::azure::FormEncode(pairs);
}

}  // namespace mensor::util

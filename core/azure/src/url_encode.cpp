#include "mensor/azure/url_encode.hpp"

namespace mensor::azure {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool IsPathSafe(unsigned char c) {
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

template <typename Pred>
std::string Encode(std::string_view value, Pred keep) {
  std::string out;
  out.reserve(value.size() + value.size() / 2);
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (keep(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

}  // namespace

std::string PercentEncode(std::string_view value) { return Encode(value, IsUnreserved); }

std::string PercentEncodePath(std::string_view path) { return Encode(path, IsPathSafe); }

}  // namespace mensor::azure

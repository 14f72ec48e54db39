#include "json_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace mensor::azure::internal {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Bytes in a well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing above
// U+10FFFF) starting at `at`, or 0.
size_t Utf8Length(const unsigned char* at, const unsigned char* end) {
  const unsigned char lead = at[0];
  size_t length;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;
    high = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (static_cast<size_t>(end - at) < length || at[1] < low || at[1] > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if ((at[i] & 0xC0) != 0x80) return 0;
  }
  return length;
}

void AppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace

void JsonReader::SkipSpace() {
  while (at_ < end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
}

bool JsonReader::ReadLiteral(std::string_view word) {
  if (static_cast<size_t>(end_ - at_) < word.size() ||
      std::memcmp(at_, word.data(), word.size()) != 0) {
    return Fail();
  }
  at_ += word.size();
  return true;
}

bool JsonReader::ReadString() {
  ++at_;  // the opening quote
  buffer_.clear();
  const char* run = at_;  // plain bytes not yet copied
  while (at_ < end_) {
    const auto byte = static_cast<unsigned char>(*at_);
    if (byte == '"') {
      buffer_.append(run, at_);
      ++at_;
      return true;
    }
    if (byte == '\\') {
      buffer_.append(run, at_);
      if (!ReadEscape()) return false;
      run = at_;
    } else if (byte < 0x20) {
      return Fail();  // control characters must be escaped
    } else if (byte < 0x80) {
      ++at_;
    } else {
      const size_t length = Utf8Length(reinterpret_cast<const unsigned char*>(at_),
                                       reinterpret_cast<const unsigned char*>(end_));
      if (length == 0) return Fail();
      at_ += length;
    }
  }
  return Fail();  // unterminated
}

bool JsonReader::ReadEscape() {
  ++at_;  // the backslash
  if (at_ == end_) return Fail();
  const char c = *at_++;
  switch (c) {
    case '"': buffer_ += '"'; return true;
    case '\\': buffer_ += '\\'; return true;
    case '/': buffer_ += '/'; return true;
    case 'b': buffer_ += '\b'; return true;
    case 'f': buffer_ += '\f'; return true;
    case 'n': buffer_ += '\n'; return true;
    case 'r': buffer_ += '\r'; return true;
    case 't': buffer_ += '\t'; return true;
    case 'u': break;
    default: return Fail();
  }
  const auto hex4 = [this](uint32_t& out) {
    if (end_ - at_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = HexDigit(at_[i]);
      if (digit < 0) return false;
      out = out << 4 | static_cast<uint32_t>(digit);
    }
    at_ += 4;
    return true;
  };
  uint32_t code_point;
  if (!hex4(code_point)) return Fail();
  if (code_point >= 0xDC00 && code_point <= 0xDFFF) return Fail();  // a lone low surrogate
  if (code_point >= 0xD800 && code_point <= 0xDBFF) {
    uint32_t low;
    if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') return Fail();
    at_ += 2;
    if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return Fail();
    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
  }
  AppendUtf8(buffer_, code_point);
  return true;
}

bool JsonReader::ReadNumber(double& value) {
  const char* start = at_;
  if (at_ < end_ && *at_ == '-') ++at_;
  if (at_ == end_) return Fail();
  if (*at_ == '0') {
    ++at_;
  } else if (*at_ >= '1' && *at_ <= '9') {
    while (at_ < end_ && IsDigit(*at_)) ++at_;
  } else {
    return Fail();
  }
  if (at_ < end_ && *at_ == '.') {
    ++at_;
    if (at_ == end_ || !IsDigit(*at_)) return Fail();
    while (at_ < end_ && IsDigit(*at_)) ++at_;
  }
  if (at_ < end_ && (*at_ == 'e' || *at_ == 'E')) {
    ++at_;
    if (at_ < end_ && (*at_ == '+' || *at_ == '-')) ++at_;
    if (at_ == end_ || !IsDigit(*at_)) return Fail();
    while (at_ < end_ && IsDigit(*at_)) ++at_;
  }
  const auto [end, error] = std::from_chars(start, at_, value);
  if (error == std::errc::result_out_of_range) {
    // from_chars refuses underflow too; strtod gives 0 or a subnormal there, as nlohmann does.
    // Overflow is an error for both.
    value = std::strtod(std::string(start, at_).c_str(), nullptr);
    return std::isfinite(value) ? true : Fail();
  }
  return error == std::errc() && end == at_ ? true : Fail();
}

bool JsonReader::Read(std::string_view text, JsonHandler& handler) {
  at_ = text.data();
  end_ = at_ + text.size();
  stack_.clear();
  syntax_error_ = false;
  if (text.size() >= 3 && std::memcmp(at_, "\xEF\xBB\xBF", 3) == 0) at_ += 3;
  // After '{' or ',' inside an object: "key" ':' (then a value).
  const auto read_key = [this, &handler] {
    SkipSpace();
    if (at_ == end_ || *at_ != '"' || !ReadString()) return Fail();
    if (!handler.key(buffer_)) return false;
    SkipSpace();
    if (at_ == end_ || *at_ != ':') return Fail();
    ++at_;
    return true;
  };
  for (;;) {
    // A value.
    SkipSpace();
    if (at_ == end_) return Fail();
    bool open = false;  // a non-empty container was opened: its first value comes next
    switch (*at_) {
      case '{':
        ++at_;
        if (!handler.start_object()) return false;
        SkipSpace();
        if (at_ < end_ && *at_ == '}') {
          ++at_;
          if (!handler.end_object()) return false;
        } else {
          stack_.push_back('{');
          if (!read_key()) return false;
          open = true;
        }
        break;
      case '[':
        ++at_;
        if (!handler.start_array()) return false;
        SkipSpace();
        if (at_ < end_ && *at_ == ']') {
          ++at_;
          if (!handler.end_array()) return false;
        } else {
          stack_.push_back('[');
          open = true;
        }
        break;
      case '"':
        if (!ReadString() || !handler.string(buffer_)) return false;
        break;
      case 't':
        if (!ReadLiteral("true") || !handler.boolean(true)) return false;
        break;
      case 'f':
        if (!ReadLiteral("false") || !handler.boolean(false)) return false;
        break;
      case 'n':
        if (!ReadLiteral("null") || !handler.null()) return false;
        break;
      default: {
        double number;
        if (!ReadNumber(number) || !handler.number(number)) return false;
      }
    }
    if (open) continue;
    // After a value: close containers, or a separator before the next value.
    for (;;) {
      SkipSpace();
      if (stack_.empty()) return at_ == end_ ? true : Fail();
      if (at_ == end_) return Fail();
      const char c = *at_++;
      if (c == ',') {
        if (stack_.back() == '{' && !read_key()) return false;
        break;
      }
      if (c == '}' && stack_.back() == '{') {
        stack_.pop_back();
        if (!handler.end_object()) return false;
      } else if (c == ']' && stack_.back() == '[') {
        stack_.pop_back();
        if (!handler.end_array()) return false;
      } else {
        return Fail();
      }
    }
  }
}

}  // namespace mensor::azure::internal

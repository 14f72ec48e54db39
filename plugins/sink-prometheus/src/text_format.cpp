#include "text_format.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace mensor::prometheus {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of the valid UTF-8 sequence starting at text[i], 0 if invalid.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char min_second = 0x80, max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// Appends text with the given ASCII escapes and UTF-8 repair.
// ASCII that no escape function changes (apart from lower-casing), as a table: every byte of
// every label value of every cycle is looked up here.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0; c < 0x80; ++c) plain[c] = c != '\\' && c != '"' && c != '\n';
  return plain;
}();
bool IsPlain(char c) { return kPlain[static_cast<unsigned char>(c)]; }

template <typename EscapeFn>
void AppendEscaped(std::string& out, std::string_view text, EscapeFn escape,
                   bool lowercase = false) {
  for (size_t i = 0; i < text.size();) {
    // Runs of plain ASCII (nearly every label value) are copied whole: this loop runs for every
    // label of every series a cycle writes.
    size_t run = i;
    while (run < text.size() && IsPlain(text[run])) ++run;
    if (run > i) {
      if (lowercase) {
        for (size_t k = i; k < run; ++k) out.push_back(ToLower(text[k]));
      } else {
        out.append(text.data() + i, run - i);
      }
      i = run;
      continue;
    }
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      out += kReplacementChar;
      ++i;
    } else if (length == 1) {
      escape(out, text[i]);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
}

}  // namespace

void AppendNormalizedLabelName(std::string& out, std::string_view name) {
  const size_t start = out.size();
  out.resize(start + name.size());  // written in place, shrunk to what was written
  char* to = out.data() + start;
  for (char c : name) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // one '_' per code point
    c = ToLower(c);
    *to++ = IsLower(c) || IsDigit(c) || c == '_' ? c : '_';
  }
  out.resize(static_cast<size_t>(to - out.data()));
  if (out.size() == start || IsDigit(out[start])) out.insert(out.begin() + start, '_');
  if (out.compare(start, 2, "__") == 0) out.insert(start, "label");
}

std::string NormalizeLabelName(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 5);
  AppendNormalizedLabelName(out, name);
  return out;
}

std::string SanitizeMetricName(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 1);
  for (char c : name) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // one '_' per code point
    out.push_back(IsLower(c) || IsUpper(c) || IsDigit(c) || c == '_' || c == ':' ? c : '_');
  }
  if (!out.empty() && IsDigit(out.front())) out.insert(out.begin(), '_');
  return out;
}

void AppendEscapedLabelValue(std::string& out, std::string_view value, bool lowercase) {
  AppendEscaped(out, value, [lowercase](std::string& to, char c) {
    switch (c) {
      case '\\':
        to += "\\\\";
        break;
      case '"':
        to += "\\\"";
        break;
      case '\n':
        to += "\\n";
        break;
      default:
        to.push_back(lowercase ? ToLower(c) : c);
    }
  }, lowercase);
}

std::string EscapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  AppendEscaped(out, help, [](std::string& to, char c) {
    switch (c) {
      case '\\':
        to += "\\\\";
        break;
      case '\n':
        to += "\\n";
        break;
      default:
        to.push_back(c);
    }
  });
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  std::to_chars_result result;
  if (value == std::trunc(value) && std::fabs(value) < 1e21) {
    result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  } else {
    result = std::to_chars(buffer, buffer + sizeof buffer, value);
  }
  return std::string(buffer, result.ptr);
}

}  // namespace mensor::prometheus

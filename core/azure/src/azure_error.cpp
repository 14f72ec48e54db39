#include "mensor/azure/azure_error.hpp"

#include "json_access.hpp"
#include "strings.hpp"

namespace mensor::azure {
namespace {

using internal::Json;
using internal::Member;

constexpr std::string_view kRedacted = "[redacted]";
constexpr int64_t kMaxRetryAfterSeconds = int64_t{366} * 86400;

bool IsTokenChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=' || c == '%';
}

size_t TokenEnd(std::string_view text, size_t begin) {
  while (begin < text.size() && IsTokenChar(text[begin])) ++begin;
  return begin;
}

bool StartsWithIgnoreCase(std::string_view text, size_t pos, std::string_view prefix) {
  return pos + prefix.size() <= text.size() &&
         internal::EqualsIgnoreCase(text.substr(pos, prefix.size()), prefix);
}

// If a credential starts at text[i], appends its redacted form to `out`, advances `i` past it
// and returns true.
bool RedactAt(std::string_view text, size_t& i, std::string& out) {
  // "Bearer <token>" and "sig=<signature>" (SAS) carry the secret after a keyword.
  for (std::string_view keyword : {std::string_view("Bearer "), std::string_view("sig=")}) {
    if (!StartsWithIgnoreCase(text, i, keyword)) continue;
    const size_t end = TokenEnd(text, i + keyword.size());
    if (end == i + keyword.size()) continue;
    out += text.substr(i, keyword.size());
    out += kRedacted;
    i = end;
    return true;
  }
  // A JWT: base64url JSON header `eyJ` followed by dot-separated segments.
  if (text.substr(i).starts_with("eyJ")) {
    const size_t end = TokenEnd(text, i);
    if (end - i >= 20 && text.substr(i, end - i).find('.') != std::string_view::npos) {
      out += kRedacted;
      i = end;
      return true;
    }
  }
  return false;
}

std::string Redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const bool word_start = i == 0 || !IsTokenChar(text[i - 1]);
    if (word_start && RedactAt(text, i, out)) continue;
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

// Adds "code: message" style text from a JSON error object.
void ReadErrorObject(const Json& j, AzureError& out) {
  std::string ignored;
  internal::ReadString(j, "code", out.code, ignored);
  internal::ReadString(j, "message", out.message, ignored);
  const Json* details = Member(j, "details");
  if (details == nullptr || !details->is_array()) return;
  for (const Json& d : *details) {
    std::string code, message;
    internal::ReadString(d, "code", code, ignored);
    internal::ReadString(d, "message", message, ignored);
    if (code.empty() && message.empty()) continue;
    out.details.push_back(code.empty() ? message : message.empty() ? code : code + ": " + message);
  }
}

std::string XmlElement(std::string_view body, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">";
  const std::string close = "</" + std::string(name) + ">";
  const size_t begin = body.find(open);
  if (begin == std::string_view::npos) return {};
  const size_t end = body.find(close, begin + open.size());
  if (end == std::string_view::npos) return {};
  return std::string(body.substr(begin + open.size(), end - begin - open.size()));
}

}  // namespace

std::string SanitizeForLog(std::string_view text, size_t max_length) {
  std::string redacted = Redact(text);
  std::string flat;
  flat.reserve(redacted.size());
  for (char c : redacted) {
    const bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    const char mapped = control ? ' ' : c;
    if (mapped == ' ' && !flat.empty() && flat.back() == ' ') continue;  // collapse "\r\n"
    flat.push_back(mapped);
  }
  std::string_view trimmed = internal::Trim(flat);
  if (trimmed.size() <= max_length) return std::string(trimmed);
  constexpr std::string_view kEllipsis = "...";
  size_t cut = max_length > kEllipsis.size() ? max_length - kEllipsis.size() : 0;
  // Never split a UTF-8 sequence: back off continuation bytes (10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(trimmed[cut]) & 0xC0) == 0x80) --cut;
  return std::string(trimmed.substr(0, cut)) + std::string(kEllipsis);
}

ErrorClass ClassifyStatus(int status) {
  if (status == 401) return ErrorClass::kUnauthenticated;
  if (status == 403) return ErrorClass::kPermissionDenied;
  if (status == 404) return ErrorClass::kNotFound;
  if (status == 400) return ErrorClass::kBadRequest;
  if (status == 429 || status == 529) return ErrorClass::kThrottled;
  if (status == 0 || status == 408 || (status >= 500 && status <= 599)) {
    return ErrorClass::kUnavailable;
  }
  return ErrorClass::kOther;
}

bool AzureError::IsRetryable() const {
  return error_class == ErrorClass::kThrottled || error_class == ErrorClass::kUnavailable;
}

std::string AzureError::ToLogString() const {
  std::string text;
  if (!code.empty() && !message.empty()) {
    text = code + ": " + message;
  } else if (!code.empty() || !message.empty()) {
    text = code.empty() ? message : code;
  } else {
    text = status == 0 ? "transport error" : "HTTP " + std::to_string(status);
  }
  for (size_t i = 0; i < details.size(); ++i) {
    text += i == 0 ? " (" : "; ";
    text += details[i];
    if (i + 1 == details.size()) text += ")";
  }
  return SanitizeForLog(text);
}

AzureError ParseAzureError(int status, std::string_view body) {
  AzureError error;
  error.status = status;
  error.error_class = ClassifyStatus(status);
  const std::optional<Json> doc = internal::ParseJson(body);
  if (doc && doc->is_object()) {
    const Json* wrapped = Member(*doc, "error");
    if (wrapped != nullptr && wrapped->is_object()) {
      ReadErrorObject(*wrapped, error);
    } else if (wrapped != nullptr && wrapped->is_string()) {
      // Entra / IMDS / App Service identity endpoints.
      std::string ignored;
      error.code = wrapped->get<std::string>();
      internal::ReadString(*doc, "error_description", error.message, ignored);
    } else {
      ReadErrorObject(*doc, error);
    }
  } else if (body.find("<Code>") != std::string_view::npos) {
    error.code = XmlElement(body, "Code");  // Azure Storage
    error.message = XmlElement(body, "Message");
  } else if (!doc) {
    error.message = std::string(body.substr(0, 4 * kMaxErrorTextLength));
  }
  error.code = SanitizeForLog(error.code, 128);
  error.message = SanitizeForLog(error.message);
  for (std::string& d : error.details) d = SanitizeForLog(d);
  return error;
}

AzureError TransportError(std::string_view message) {
  AzureError error;
  error.status = 0;
  error.error_class = ErrorClass::kUnavailable;
  error.message = SanitizeForLog(message);
  return error;
}

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view header_value) {
  const std::string_view s = internal::Trim(header_value);
  if (s.empty() || s.size() > 20) return std::nullopt;
  int64_t whole = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > kMaxRetryAfterSeconds) return std::nullopt;
  }
  if (i == 0) return std::nullopt;  // HTTP-date, negative or garbage
  if (i < s.size()) {
    if (s[i] != '.') return std::nullopt;
    bool fraction = false;
    for (++i; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      fraction = fraction || s[i] != '0';
    }
    if (fraction) ++whole;  // waiting less than asked would only earn another 429
  }
  return std::chrono::seconds(whole);
}

std::optional<int64_t> ParseRemainingReads(std::string_view header_value) {
  const std::string_view s = internal::Trim(header_value);
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace mensor::azure

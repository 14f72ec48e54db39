#include "http_types.hpp"

#include <algorithm>
#include <cctype>

namespace mensor::sim {

void FieldList::Add(std::string name, std::string value) {
  items_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> FieldList::Get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

SimRequest SimRequest::Make(std::string method, std::string target, FieldList headers,
                            std::string body) {
  SimRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  const auto question = request.target.find('?');
  request.path = PercentDecode(std::string_view(request.target).substr(0, question), false);
  if (question != std::string::npos) {
    request.query = ParseUrlEncoded(std::string_view(request.target).substr(question + 1));
  }
  request.headers = std::move(headers);
  request.body = std::move(body);
  return request;
}

SimResponse JsonResponse(int status, const nlohmann::json& body) {
  SimResponse response;
  response.status = status;
  response.headers.Add("Content-Type", "application/json; charset=utf-8");
  response.body = body.dump();
  return response;
}

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      // Invalid escapes stay literal: Azure's own "%2" comma escape in metric names relies on it.
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

FieldList ParseUrlEncoded(std::string_view text) {
  FieldList fields;
  for (const auto& pair : Split(text, '&')) {
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const std::string_view name = std::string_view(pair).substr(0, equals);
    const std::string_view value = equals == std::string::npos
                                       ? std::string_view()
                                       : std::string_view(pair).substr(equals + 1);
    fields.Add(PercentDecode(name, true), PercentDecode(value, true));
  }
  return fields;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace mensor::sim

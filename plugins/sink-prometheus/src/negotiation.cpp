#include "negotiation.hpp"

#include <cctype>
#include <cstdlib>
#include <string>

namespace mensor::prometheus {
namespace {

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// Calls `visit(token, q)` for each comma-separated element of an Accept-style header.
template <typename Visit>
void ForEachElement(std::string_view header, Visit visit) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const size_t semicolon = element.find(';');
    const std::string_view token = TrimSpaces(element.substr(0, semicolon));
    double q = 1.0;
    std::string_view params =
        semicolon == std::string_view::npos ? std::string_view() : element.substr(semicolon + 1);
    while (!params.empty()) {
      const size_t next = params.find(';');
      const std::string_view param = TrimSpaces(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (StartsWithIgnoreCase(param, "q=")) q = std::atof(std::string(param.substr(2)).c_str());
    }
    if (!token.empty()) visit(token, q);
  }
}

}  // namespace

Format ChooseFormat(std::optional<std::string_view> accept) {
  if (!accept) return Format::kText;
  double open_metrics = 0;
  double text = 0;
  ForEachElement(*accept, [&](std::string_view token, double q) {
    if (StartsWithIgnoreCase(token, "application/openmetrics-text")) {
      open_metrics = std::max(open_metrics, q);
    } else if (StartsWithIgnoreCase(token, "text/plain") || token == "*/*" ||
               StartsWithIgnoreCase(token, "text/*")) {
      text = std::max(text, q);
    }
  });
  return open_metrics > 0 && open_metrics >= text ? Format::kOpenMetrics : Format::kText;
}

bool AcceptsGzip(std::optional<std::string_view> accept_encoding) {
  if (!accept_encoding) return false;
  bool gzip = false;
  ForEachElement(*accept_encoding, [&](std::string_view token, double q) {
    if (StartsWithIgnoreCase(token, "gzip") || token == "*") gzip = gzip || q > 0;
  });
  return gzip;
}

std::string_view ContentType(Format format) {
  return format == Format::kOpenMetrics
             ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
             : "text/plain; version=0.0.4; charset=utf-8";
}

}  // namespace mensor::prometheus

#include "statsd_format.hpp"

#include <cmath>

#include "number_text.hpp"

namespace mensor::statsd {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Tag keys and values: ',' and '|' end a tag, '#' starts the tag field, newlines end the line.
std::string SanitiseTag(std::string_view text, bool key) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const bool bad =
        c == ',' || c == '|' || c == '#' || c == '\n' || c == '\r' || (key && c == ':');
    out += bad ? '_' : c;
  }
  return out;
}

void AppendValueLine(std::string& out, const std::string& bucket, std::string_view value_text,
                     std::string_view suffix) {
  if (!out.empty()) out += '\n';
  out += bucket;
  out += ':';
  out += value_text;
  out += "|g";
  out += suffix;
}

}  // namespace

std::string NormalisePrefix(std::string_view prefix) {
  size_t begin = 0, end = prefix.size();
  while (begin < end && IsSpace(prefix[begin])) ++begin;
  while (end > begin && IsSpace(prefix[end - 1])) --end;
  prefix = prefix.substr(begin, end - begin);
  while (!prefix.empty() && prefix.back() == '.') prefix.remove_suffix(1);
  if (prefix.empty()) return "";
  return SanitiseName(prefix) + ".";
}

std::string SanitiseName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (const char c : name) {
    const bool bad = c == ':' || c == '|' || c == '@' || c == '#' || c == ',' || IsSpace(c);
    out += bad ? '_' : c;
  }
  return out;
}

std::optional<std::string> FormatGauge(const FormatOptions& options, const GaugeInput& gauge) {
  double value = gauge.has_value ? gauge.value : 0.0;
  if (!std::isfinite(value)) return std::nullopt;
  std::string bucket = options.prefix;
  std::string suffix;
  switch (options.format) {
    case Format::kDefault:
      bucket += SanitiseName(gauge.name);
      break;
    case Format::kDogStatsD: {
      bucket += SanitiseName(gauge.name);
      if (gauge.labels != nullptr && !gauge.labels->empty()) {
        suffix = "|#";
        bool first = true;
        for (const auto& [key, label_value] : *gauge.labels) {
          if (!first) suffix += ',';
          first = false;
          suffix += SanitiseTag(key, true);
          suffix += ':';
          suffix += SanitiseTag(label_value, false);
        }
      }
      break;
    }
    case Format::kGeneva: {
      // Promitor's shape: the bucket is a JSON object; the value is rounded half away from zero.
      value = std::round(value);
      std::string json = "{\"Account\":";
      sinks::AppendJsonString(json, options.geneva_account);
      json += ",\"Namespace\":";
      sinks::AppendJsonString(json, options.geneva_namespace);
      json += ",\"Metric\":";
      sinks::AppendJsonString(json, gauge.name);
      json += ",\"Dims\":{";
      bool first = true;
      if (gauge.labels != nullptr) {
        for (const auto& [key, label_value] : *gauge.labels) {
          if (!first) json += ',';
          first = false;
          sinks::AppendJsonString(json, key);
          json += ':';
          sinks::AppendJsonString(json, label_value);
        }
      }
      json += "}}";
      bucket += json;
      break;
    }
  }
  std::string out;
  if (value < 0) AppendValueLine(out, bucket, "0", suffix);
  AppendValueLine(out, bucket, sinks::FormatNumber(value), suffix);
  return out;
}

}  // namespace mensor::statsd

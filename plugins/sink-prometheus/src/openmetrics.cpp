#include "openmetrics.hpp"

namespace mensor::prometheus {

std::string_view OpenMetricsFamilyName(std::string_view family, std::string_view type) {
  if (type == "counter" && family.ends_with("_total")) {
    family.remove_suffix(6);
  }
  return family;
}

std::string OpenMetricsHelp(std::string_view help_004) {
  std::string out;
  out.reserve(help_004.size());
  for (char c : help_004) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out;
}

namespace {

// The space before the timestamp of a 0.0.4 line (without its newline), or npos. The value and
// the optional timestamp follow the last '}' (or the name); label values may hold spaces, so only
// what is after the labels is split.
size_t TimestampSpace(std::string_view line) {
  const size_t labels_end = line.rfind('}');
  const size_t tail = labels_end == std::string_view::npos ? 0 : labels_end + 1;
  const size_t value_space = line.find(' ', tail);
  return value_space == std::string_view::npos ? value_space : line.find(' ', value_space + 1);
}

}  // namespace

bool HasTimestamp(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return TimestampSpace(line) != std::string_view::npos;
}

void AppendOpenMetricsLine(std::string& out, std::string_view line, size_t name_length,
                           bool insert_total) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (insert_total) {
    out.append(line.substr(0, name_length));
    out += "_total";
    line.remove_prefix(name_length);
  }
  const size_t timestamp_space = TimestampSpace(line);
  if (timestamp_space == std::string_view::npos) {
    out.append(line);
    out += '\n';
    return;
  }
  out.append(line.substr(0, timestamp_space + 1));
  std::string_view ms = line.substr(timestamp_space + 1);
  if (ms.size() > 3) {
    out.append(ms.substr(0, ms.size() - 3));
    out += '.';
    out.append(ms.substr(ms.size() - 3));
  } else {
    out += "0.";
    out.append(3 - ms.size(), '0');
    out.append(ms);
  }
  out += '\n';
}

}  // namespace mensor::prometheus

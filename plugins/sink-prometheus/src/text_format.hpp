// Prometheus text exposition format 0.0.4: names, escaping and number formatting.
#pragma once

#include <string>
#include <string_view>

namespace mensor::prometheus {

/// \brief Promitor's label-name normalisation (lower-case, '/' -> '_') made Prometheus-valid:
/// any other character outside [a-z0-9_] becomes '_', a leading digit gets a '_' prefix, an
/// empty name becomes "_", and names starting with "__" (reserved; "__name__" breaks the
/// parser) get the prefix "label".
std::string NormalizeLabelName(std::string_view name);
/// \brief NormalizeLabelName appended to `out`: no temporary string per label.
void AppendNormalizedLabelName(std::string& out, std::string_view name);

/// \brief Metric names are exported as configured (Promitor does not rewrite them) but made
/// valid, so one bad name cannot break the whole scrape: characters outside [a-zA-Z0-9_:]
/// become '_' and a leading digit gets a '_' prefix. Empty stays empty (callers skip it).
std::string SanitizeMetricName(std::string_view name);

/// \brief Label value escaping (\\, \", \n); invalid UTF-8 becomes U+FFFD because the
/// Prometheus parser rejects it.
void AppendEscapedLabelValue(std::string& out, std::string_view value, bool lowercase);

/// \brief HELP text escaping (\\ and \n); invalid UTF-8 becomes U+FFFD.
std::string EscapeHelp(std::string_view help);

/// \brief NaN, +Inf, -Inf; integral values in plain digits (no exponent) up to 1e21; anything
/// else as the shortest text that parses back to the same double.
std::string FormatValue(double value);

}  // namespace mensor::prometheus

// OpenMetrics 1.0 text: what differs from the Prometheus text format 0.0.4 lines we store.
#pragma once

#include <string>
#include <string_view>

namespace mensor::prometheus {

/// \brief The family name OpenMetrics wants: a counter's family drops its `_total` suffix (its
/// samples carry it); other families are unchanged.
std::string_view OpenMetricsFamilyName(std::string_view family, std::string_view type);

/// \brief HELP text as OpenMetrics escapes it: the 0.0.4 escapes plus `\"` for a double quote.
std::string OpenMetricsHelp(std::string_view help_004);

/// \brief Appends one stored 0.0.4 line as OpenMetrics: a counter sample named without `_total`
/// gets it (`insert_total`), and a millisecond timestamp becomes seconds (`1700000000123` ->
/// `1700000000.123`). Everything else is the same bytes.
void AppendOpenMetricsLine(std::string& out, std::string_view line, size_t name_length,
                           bool insert_total);

/// \brief Whether a stored 0.0.4 line carries a timestamp. A newline-terminated line without one
/// comes out of AppendOpenMetricsLine unchanged unless `insert_total` is set, so it can be served
/// as stored.
bool HasTimestamp(std::string_view line);

}  // namespace mensor::prometheus

// Content negotiation for the scrape endpoint: exposition format and compression.
#pragma once

#include <optional>
#include <string_view>

#include "series_store.hpp"

namespace mensor::prometheus {

/// \brief OpenMetrics when the Accept header ranks `application/openmetrics-text` above (or as
/// high as) `text/plain` and `*/*`, as Prometheus does by default; otherwise text 0.0.4.
Format ChooseFormat(std::optional<std::string_view> accept);

/// \brief Whether Accept-Encoding allows gzip (`gzip` or `*` with a q above 0).
bool AcceptsGzip(std::optional<std::string_view> accept_encoding);

/// \brief The Content-Type of a body in `format`.
std::string_view ContentType(Format format);

}  // namespace mensor::prometheus

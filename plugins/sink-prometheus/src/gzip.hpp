// gzip (RFC 1952) compression of a scrape body, for clients sending Accept-Encoding: gzip.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace mensor::prometheus {

/// \brief The gzip member of the concatenation of `segments` at zlib's fastest level: the body is
/// compressed once per change and served many times, and exposition text compresses ~10x even at
/// level 1. The segments are streamed through zlib, never assembled.
std::string Gzip(std::span<const std::string_view> segments);

/// \brief The one-segment case.
inline std::string Gzip(std::string_view data) { return Gzip(std::span(&data, 1)); }

}  // namespace mensor::prometheus

// gzip (RFC 1952) compression of a scrape body, for clients sending Accept-Encoding: gzip.
#pragma once

#include <string>
#include <string_view>

namespace mensor::prometheus {

/// \brief The gzip member of `data` at zlib's fastest level: the body is compressed once per
/// change and served many times, and exposition text compresses ~10x even at level 1.
std::string Gzip(std::string_view data);

}  // namespace mensor::prometheus

// The unit the store keeps and a scrape body points into: one scope's lines in one family.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mensor::prometheus {

/// \brief The exposition lines one scope holds in one family, as rendered when its batch was
/// written, in one buffer (not one string per series).
/// The text is replaced, never mutated, so a scrape body that points into it keeps valid, unchanged
/// bytes for as long as it holds the shared_ptr.
struct Chunk {
  std::shared_ptr<const std::string> text;  // never null in the store
  std::vector<uint64_t> identities;         // label-set hash of each line, for de-duplication
  std::vector<uint32_t> ends;               // end offset of each line in text
  bool timestamps = false;                  // some line has a timestamp (OpenMetrics rewrites it)

  /// Same lines (`timestamps` follows from the text).
  bool operator==(const Chunk& other) const {
    return *text == *other.text && identities == other.identities && ends == other.ends;
  }
};

}  // namespace mensor::prometheus

// The pre-rendered series of one scope (one batch).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::prometheus {

/// \brief Sink options that shape each sample line.
struct RenderOptions {
  double unavailable_value = std::numeric_limits<double>::quiet_NaN();
  bool timestamps = false;
  bool lowercase_label_values = false;
};

/// \brief One sample as handed to the sink; views borrowed for the duration of Add().
struct SampleInput {
  std::string_view name;
  std::string_view description;
  int32_t kind = 0;  // MENSOR_METRIC_*
  bool has_value = false;
  double value = 0;
  int64_t timestamp_unix_ns = 0;
  std::vector<std::pair<std::string_view, std::string_view>> labels;
};

/// \brief HELP and TYPE of a family as first seen in a scope.
struct FamilyMeta {
  std::string help;  // escaped
  std::string type;  // "gauge" or "counter"
  bool operator==(const FamilyMeta&) const = default;
};

/// \brief A rendered sample: its family, a canonical identity (a hash of the sorted labels, for
/// ordering and de-duplication; 8 bytes instead of a second copy of the labels) and its
/// exposition line including the trailing newline.
struct SeriesEntry {
  std::string family;
  uint64_t identity = 0;
  std::string line;
  bool operator==(const SeriesEntry&) const = default;
};

/// \brief Samples of one batch rendered into lines, built on the writer's thread so the lock
/// that scrapes wait on is held only to swap snapshots. Not thread-safe; a value type.
class ScopeSnapshot {
 public:
  explicit ScopeSnapshot(const RenderOptions& options) : options_(options) {}

  /// Renders and keeps one sample; samples without a usable name are dropped.
  void Add(const SampleInput& sample);
  /// Drops repeated series (first kept; returns how many), then sorts by (family, line).
  size_t Finish();

  bool empty() const { return series_.empty(); }
  const std::vector<SeriesEntry>& series() const { return series_; }
  const std::map<std::string, FamilyMeta, std::less<>>& families() const { return families_; }
  bool operator==(const ScopeSnapshot& other) const {
    return series_ == other.series_ && families_ == other.families_;
  }

 private:
  struct PairSpan {  // one label pair inside the line being rendered: name="value"
    size_t begin, name_end, end;
  };

  RenderOptions options_;
  std::vector<PairSpan> spans_;  // scratch, reused across Add() calls
  std::vector<SeriesEntry> series_;
  std::map<std::string, FamilyMeta, std::less<>> families_;
};

}  // namespace mensor::prometheus

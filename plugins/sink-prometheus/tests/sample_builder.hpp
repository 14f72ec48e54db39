// Test helper: SampleInput values and snapshots in one line, and a body as one string.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "body_snapshot.hpp"
#include "scope_snapshot.hpp"

namespace mensor::prometheus::testing {

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

inline SampleInput Gauge(std::string_view name, double value, Labels labels = {},
                         std::string_view help = "Demo metric") {
  SampleInput sample;
  sample.name = name;
  sample.description = help;
  sample.has_value = true;
  sample.value = value;
  sample.timestamp_unix_ns = 1'629'719'527'020'123'456;
  sample.labels = std::move(labels);
  return sample;
}

inline SampleInput Unavailable(std::string_view name, Labels labels = {}) {
  SampleInput sample = Gauge(name, 0, std::move(labels));
  sample.has_value = false;
  return sample;
}

inline ScopeSnapshot Snapshot(std::initializer_list<SampleInput> samples,
                              const RenderOptions& options = {}) {
  ScopeSnapshot snapshot(options);
  for (const SampleInput& sample : samples) snapshot.Add(sample);
  snapshot.Finish();
  return snapshot;
}

/// The body a scrape receives: the concatenation of the snapshot's segments.
inline std::string Text(const BodySnapshot& body) {
  std::string text;
  for (std::string_view segment : body.segments()) text += segment;
  return text;
}

}  // namespace mensor::prometheus::testing

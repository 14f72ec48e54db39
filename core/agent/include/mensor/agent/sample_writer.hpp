#pragma once

#include <string>
#include <vector>

#include "mensor/agent/scrape_target.hpp"

namespace mensor::agent {

/// Where measured samples go (the configured sinks). `scope` names what the samples replace: a
/// sink keeps, per scope, only the newest write's series.
///
/// Implementations are thread-safe. `samples` is taken by value so callers that are done with
/// theirs move them in: a large cycle writes ~150,000 samples, and copying each one's labels
/// was a large share of the agent's allocations.
class SampleWriter {
 public:
  virtual ~SampleWriter() = default;
  virtual void Write(const std::string& scope, std::vector<MeasuredSample> samples) = 0;
};

}  // namespace mensor::agent

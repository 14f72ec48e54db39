#pragma once

#include <string>
#include <vector>

#include "mensor/agent/scrape_target.hpp"

namespace mensor::agent {

/// Where measured samples go (the configured sinks). `scope` names what the samples replace: a
/// sink keeps, per scope, only the newest write's series.
///
/// Implementations are thread-safe.
class SampleWriter {
 public:
  virtual ~SampleWriter() = default;
  virtual void Write(const std::string& scope, const std::vector<MeasuredSample>& samples) = 0;
};

}  // namespace mensor::agent

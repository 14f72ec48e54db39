// The Azure Monitor `$filter` dimension grammar:
//   filter := group ("and" group)*
//   group  := "(" chain ")" | chain
//   chain  := Dim "eq" 'value' ("or" Dim "eq" 'value')*     -- one dimension per chain
// `or` binds tighter than `and`, which is what makes the documented example
// `A eq 'a1' and B eq 'b1' or B eq 'b2' and C eq '*'` mean A∧(B1∨B2)∧C.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::sim {

struct DimensionFilter {
  std::string dimension;            // As written in the filter.
  std::vector<std::string> values;  // Empty when `wildcard`.
  bool wildcard = false;
};

struct MetricFilter {
  std::vector<DimensionFilter> dimensions;  // In filter order; each dimension at most once.
};

class FilterError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Throws FilterError with the offending position on bad syntax or semantics.
MetricFilter ParseFilter(std::string_view text);

}  // namespace mensor::sim

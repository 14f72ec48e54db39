#include "mensor/azure/aggregation.hpp"

#include <array>
#include <utility>

#include "strings.hpp"

namespace mensor::azure {
namespace {

constexpr std::array<std::pair<Aggregation, std::string_view>, 6> kNames = {{
    {Aggregation::kNone, "None"},
    {Aggregation::kAverage, "Average"},
    {Aggregation::kCount, "Count"},
    {Aggregation::kMinimum, "Minimum"},
    {Aggregation::kMaximum, "Maximum"},
    {Aggregation::kTotal, "Total"},
}};

}  // namespace

std::string_view ToString(Aggregation aggregation) {
  for (const auto& [value, name] : kNames) {
    if (value == aggregation) return name;
  }
  return "None";
}

std::string_view ToQueryName(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::kAverage:
      return "average";
    case Aggregation::kCount:
      return "count";
    case Aggregation::kMinimum:
      return "minimum";
    case Aggregation::kMaximum:
      return "maximum";
    case Aggregation::kTotal:
      return "total";
    case Aggregation::kNone:
      break;
  }
  return "";
}

std::optional<Aggregation> ParseAggregation(std::string_view text) {
  text = internal::Trim(text);
  for (const auto& [value, name] : kNames) {
    if (internal::EqualsIgnoreCase(text, name)) return value;
  }
  return std::nullopt;
}

}  // namespace mensor::azure

#pragma once

#include <span>
#include <string>

#include "mensor/config/key_spec.hpp"

namespace mensor::config {

// One line per key, children indented below their parent:
//   "queueName: string, required, default 'x' - description"
// for `mensor plugins --describe`. "(no configuration keys)" when `keys` is empty.
std::string DescribeKeys(std::span<const KeySpec> keys, const std::string& indent);

// "string", "integer", "duration (hh:mm:ss)", ... as used in that description and in docs.
std::string_view ShortTypeName(ValueType type);

}  // namespace mensor::config

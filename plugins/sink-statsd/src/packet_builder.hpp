// Packs StatsD lines into datagrams of at most a given size.
#pragma once

#include <string>
#include <vector>

namespace mensor::statsd {

/// Joins `units` with '\n' into payloads of at most `max_bytes`, never splitting a unit (a unit
/// may hold several lines that must stay together). A unit longer than `max_bytes` travels
/// alone.
std::vector<std::string> PackUnits(const std::vector<std::string>& units, size_t max_bytes);

}  // namespace mensor::statsd

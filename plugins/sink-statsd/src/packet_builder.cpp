#include "packet_builder.hpp"

namespace mensor::statsd {

std::vector<std::string> PackUnits(const std::vector<std::string>& units, size_t max_bytes) {
  std::vector<std::string> packets;
  std::string current;
  for (const std::string& unit : units) {
    if (!current.empty() && current.size() + 1 + unit.size() > max_bytes) {
      packets.push_back(std::move(current));
      current.clear();
    }
    if (!current.empty()) current += '\n';
    current += unit;
  }
  if (!current.empty()) packets.push_back(std::move(current));
  return packets;
}

}  // namespace mensor::statsd

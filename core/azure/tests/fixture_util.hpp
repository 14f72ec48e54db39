#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace mensor::azure::testing {

// Reads tests/fixtures/<name> (Microsoft's example payloads, copied verbatim).
inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(MENSOR_AZURE_FIXTURE_DIR) + "/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace mensor::azure::testing

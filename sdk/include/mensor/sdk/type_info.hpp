// Static identity of a plugin class.
#pragma once

namespace mensor::sdk {

/// \brief Name and description a class publishes in its descriptor. Strings must have static
/// storage duration (M6): use literals. `arm_resource_type` is "" for auth modes and sinks.
struct TypeInfo {
  const char* name;
  const char* arm_resource_type;
  const char* description;
};

}  // namespace mensor::sdk

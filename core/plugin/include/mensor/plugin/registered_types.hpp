#pragma once

#include <string>
#include <vector>

#include <mensor/abi.h>

namespace mensor::plugin {

// A descriptor as the host sees it: copied from the plugin, sized to this host's struct
// (members the plugin's struct_size does not cover are zero/NULL, A3) with struct_size set to
// sizeof. Strings and callbacks still point into the plugin, which stays loaded (M6).
template <typename Desc>
struct Registered {
  Desc desc{};
  std::string library;  // plugin name of the owning library
};

using RegisteredResourceType = Registered<mensor_resource_type_desc>;
using RegisteredAuthMode = Registered<mensor_auth_mode_desc>;
using RegisteredSink = Registered<mensor_sink_desc>;

// All types of one registry (or of one library during its register). Plain value type.
struct RegisteredTypes {
  std::vector<RegisteredResourceType> resource_types;
  std::vector<RegisteredAuthMode> auth_modes;
  std::vector<RegisteredSink> sinks;
};

}  // namespace mensor::plugin

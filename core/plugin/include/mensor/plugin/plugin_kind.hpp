#pragma once

#include <string_view>

namespace mensor::plugin {

// The three things a plugin library can provide (abi.h "Plugin kinds").
enum class PluginKind { kResourceType, kAuthMode, kSink };

// "resource type", "auth mode", "sink": used in user-facing messages.
std::string_view KindName(PluginKind kind);

}  // namespace mensor::plugin

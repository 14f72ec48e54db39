#include <mensor/plugin/plugin_entry.hpp>
#include <mensor/plugin/plugin_kind.hpp>
#include <mensor/plugin/status_name.hpp>

namespace mensor::plugin {

std::string_view KindName(PluginKind kind) {
  switch (kind) {
    case PluginKind::kResourceType:
      return "resource type";
    case PluginKind::kAuthMode:
      return "auth mode";
    case PluginKind::kSink:
      return "sink";
  }
  return "type";
}

std::string_view StateName(PluginState state) {
  switch (state) {
    case PluginState::kLoaded:
      return "loaded";
    case PluginState::kRegistered:
      return "registered";
    case PluginState::kRefused:
      return "refused";
  }
  return "refused";
}

mensor_status NormaliseStatus(mensor_status status) {
  return status >= MENSOR_OK && status <= MENSOR_E_INTERNAL ? status : MENSOR_E_INTERNAL;
}

std::string_view StatusName(mensor_status status) {
  static constexpr std::string_view kNames[] = {
      "OK",        "INVALID_ARGUMENT", "CONFIG",
      "NOT_FOUND", "UNAUTHENTICATED",  "PERMISSION_DENIED",
      "THROTTLED", "UNAVAILABLE",      "TIMEOUT",
      "CANCELLED", "UNSUPPORTED",      "NO_MEMORY",
      "INTERNAL"};
  return kNames[NormaliseStatus(status)];
}

}  // namespace mensor::plugin

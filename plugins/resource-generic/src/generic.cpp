#include "generic.hpp"

#include <mensor/resources/fields.hpp>

namespace mensor::resources {
namespace {
constexpr const char* kUriKey = "resourceUri";
constexpr const char* kFilterKey = "filter";
}  // namespace

const sdk::Schema& Generic::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kUriKey).Required().Describe(
          "Resource path below providers/, e.g. Microsoft.ServiceBus/namespaces/ns"),
      sdk::Key::String(kFilterKey).Describe("OData filter, e.g. EntityName eq 'orders'"),
  };
  return schema;
}

void Generic::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  const auto uri = NonEmpty(config, kUriKey);
  if (!uri) {
    call.ReportError(kUriKey,
                     "'resourceUri' must name the resource (No resource uri is "
                     "configured)");
    return;
  }
  // The host prefixes subscriptions/{s}/resourceGroups/{rg}/providers/: a full ID would double it.
  const std::string_view path = *uri;
  if (path.starts_with("/") || path.find("subscriptions/") == 0 ||
      path.find("/providers/") != std::string_view::npos) {
    call.ReportError(kUriKey, "'" + *uri +
                                  "' is a full resource ID; 'resourceUri' is the part after "
                                  "'providers/', e.g. Microsoft.ServiceBus/namespaces/ns");
  }
}

void Generic::Describe(const sdk::Config& config, const sdk::MetricInfo&, sdk::Target& target) {
  const std::string uri = config.RequireString(kUriKey);
  target.SetProviderPath(uri);
  target.SetInstanceName(uri);
  if (auto filter = NonEmpty(config, kFilterKey)) target.SetFilter(*filter);
}

}  // namespace mensor::resources

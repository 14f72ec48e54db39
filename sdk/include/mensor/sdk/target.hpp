// Input (MetricInfo) and output (Target) of a resource type's describe.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mensor::sdk {

/// \brief What the host knows about the metric a resource is scraped for.
/// Ownership: the views borrow host memory, valid only during the call (M1, T5).
struct MetricInfo {
  std::string_view name, azure_metric_name;
  int32_t aggregation = MENSOR_AGGREGATION_NONE;
  std::vector<std::string_view> dimensions;
  std::string_view subscription_id, resource_group, tenant_id;

  static MetricInfo FromC(const mensor_metric_info* info) {
    MetricInfo out;
    if (info == nullptr) return out;
    out.name = detail::ToView(info->name);
    out.azure_metric_name = detail::ToView(info->azure_metric_name);
    out.aggregation = info->aggregation;
    out.dimensions.reserve(info->dimension_count);
    for (size_t i = 0; i < info->dimension_count; ++i) {
      out.dimensions.push_back(detail::ToView(info->dimensions[i]));
    }
    out.subscription_id = detail::ToView(info->subscription_id);
    out.resource_group = detail::ToView(info->resource_group);
    out.tenant_id = detail::ToView(info->tenant_id);
    return out;
  }
};

/// \brief Where describe writes the scrape target. The host copies every value (M5).
/// A failing setter throws Error with the host's status.
/// Ownership: borrows the handle for the duration of describe. Thread-safety: T5.
class Target {
 public:
  explicit Target(mensor_target* target) : target_(target) {}

  /// Below the resource group, e.g. "Microsoft.ServiceBus/namespaces/ns". Required.
  void SetProviderPath(std::string_view value) { Set(MENSOR_TARGET_PROVIDER_PATH, value); }
  void SetInstanceName(std::string_view value) { Set(MENSOR_TARGET_INSTANCE_NAME, value); }
  /// OData filter owned by the resource; the host AND-merges the dimension filter.
  void SetFilter(std::string_view value) { Set(MENSOR_TARGET_FILTER, value); }
  void SetFirstDimensionLabel(std::string_view value) {
    Set(MENSOR_TARGET_FIRST_DIMENSION_LABEL, value);
  }
  void AddLabel(std::string_view name, std::string_view value) {
    Check(host::Api().target_add_label(target_, detail::ToStr(name), detail::ToStr(value)),
          "target_add_label");
  }
  /// The first call in a describe replaces the configured dimensions, later calls append.
  void AddDimension(std::string_view name) {
    Check(host::Api().target_add_dimension(target_, detail::ToStr(name)), "target_add_dimension");
  }

  /// Keeps a name/value pair for Collect (since 1.2); a repeated name replaces the value.
  void SetProperty(std::string_view name, std::string_view value) {
    Check(host::Api().target_set_property(target_, detail::ToStr(name), detail::ToStr(value)),
          "target_set_property");
  }

  mensor_target* raw() const { return target_; }

 private:
  void Set(int32_t field, std::string_view value) {
    Check(host::Api().target_set(target_, field, detail::ToStr(value)), "target_set");
  }
  static void Check(mensor_status status, const char* what) {
    if (status != MENSOR_OK) {
      throw Error(status, std::string(what) + " failed: " + std::string(StatusName(status)));
    }
  }

  mensor_target* target_;
};

}  // namespace mensor::sdk

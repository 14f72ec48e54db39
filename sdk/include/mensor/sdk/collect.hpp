// Input (CollectRequest) and output (Collector) of a resource type's optional collect (since 1.2).
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::sdk {

/// \brief What the host hands to Collect: the metric, the cloud's endpoints and the properties
/// Describe kept with Target::SetProperty.
/// Ownership: the views borrow host memory, valid only during the call (M1, T5).
struct CollectRequest {
  std::string_view metric_name, azure_metric_name, query;
  std::chrono::nanoseconds interval{0};
  std::vector<std::pair<std::string_view, std::string_view>> properties;
  std::string_view storage_suffix, log_analytics_endpoint;

  /// The property set under `name` by Describe; nullopt when it set none.
  std::optional<std::string_view> Property(std::string_view name) const {
    for (const auto& [key, value] : properties) {
      if (key == name) return value;
    }
    return std::nullopt;
  }

  static CollectRequest FromC(const mensor_collect_request* request) {
    CollectRequest out;
    if (request == nullptr) return out;
    out.metric_name = detail::ToView(request->metric_name);
    out.azure_metric_name = detail::ToView(request->azure_metric_name);
    out.query = detail::ToView(request->query);
    out.interval = std::chrono::nanoseconds(request->interval_ns);
    for (size_t i = 0; i < request->property_count; ++i) {
      out.properties.emplace_back(detail::ToView(request->properties[i].name),
                                  detail::ToView(request->properties[i].value));
    }
    out.storage_suffix = detail::ToView(request->storage_suffix);
    out.log_analytics_endpoint = detail::ToView(request->log_analytics_endpoint);
    return out;
  }
};

/// \brief Where Collect reports values; the host copies each one (M5) and labels it like a
/// metric series (`labels` act as dimension labels). Ownership: borrows the handle for the
/// duration of Collect. Thread-safety: T5.
class Collector {
 public:
  explicit Collector(mensor_collect_out* out) : out_(out) {}

  /// nullopt = no value (sinks write their "unavailable" value).
  void Add(std::optional<double> value,
           const std::vector<std::pair<std::string, std::string>>& labels = {}) {
    std::vector<mensor_label> views;
    views.reserve(labels.size());
    for (const auto& [name, text] : labels) {
      views.push_back(mensor_label{detail::ToStr(name), detail::ToStr(text)});
    }
    const mensor_status status =
        host::Api().collect_add(out_, value.has_value(), value.value_or(0),
                                views.empty() ? nullptr : views.data(), views.size());
    if (status != MENSOR_OK) {
      throw Error(status, "collect_add failed: " + std::string(StatusName(status)));
    }
  }

  mensor_collect_out* raw() const { return out_; }

 private:
  mensor_collect_out* out_;
};

}  // namespace mensor::sdk

// Resource types: stateless classes that turn one resources[] entry into a scrape target.
#pragma once

#include <mensor/sdk/call.hpp>
#include <mensor/sdk/collect.hpp>
#include <mensor/sdk/config.hpp>
#include <mensor/sdk/schema.hpp>
#include <mensor/sdk/target.hpp>
#include <mensor/sdk/type_info.hpp>

#include <concepts>

namespace mensor::sdk {

/// \brief Tag base: MENSOR_PLUGIN registers classes deriving from it as resource types.
///
/// A resource-type class is never instantiated; it provides static members only:
/// \code
///   static constexpr TypeInfo kInfo{"Name", "Microsoft.X/ys", "description"};
///   static const Schema& ConfigSchema();
///   static void Validate(const Config&, const MetricInfo&, Call&);  // report via call
///   static void Describe(const Config&, const MetricInfo&, Target&);
///   static constexpr uint32_t kFlags = 0;                            // optional
///   static void Collect(const CollectRequest&, Call&, Collector&);   // optional, since 1.2
/// \endcode
/// A class with Collect is read by it (a data-plane API, a query service) instead of through
/// Azure Monitor metrics; it may block and send requests with HttpSend.
/// Both functions may run concurrently on any thread (T3): keep them free of shared state.
class ResourceType {};

template <class T>
concept CollectingResourceType = requires(const CollectRequest& request, Call& call,
                                          Collector& collector) {
  T::Collect(request, call, collector);
};

template <class T>
concept ResourceTypeClass = std::derived_from<T, ResourceType> &&
    requires(const Config& config, const MetricInfo& metric, Call& call, Target& target) {
  { T::kInfo } -> std::convertible_to<TypeInfo>;
  { T::ConfigSchema() } -> std::convertible_to<const Schema&>;
  T::Validate(config, metric, call);
} &&
    // Describe may also take the Call (to read deadline/cancellation or report warnings).
    (
        requires(const Config& config, const MetricInfo& metric, Target& target) {
          T::Describe(config, metric, target);
        } ||
        requires(const Config& config, const MetricInfo& metric, Call& call, Target& target) {
          T::Describe(config, metric, call, target);
        });

}  // namespace mensor::sdk

#include "resource_types.hpp"

#include <algorithm>

#include "http_types.hpp"

namespace mensor::sim {

std::string_view AggregationName(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::kAverage:
      return "Average";
    case Aggregation::kMinimum:
      return "Minimum";
    case Aggregation::kMaximum:
      return "Maximum";
    case Aggregation::kTotal:
      return "Total";
    case Aggregation::kCount:
      return "Count";
  }
  return "";
}

std::string_view AggregationJsonField(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::kAverage:
      return "average";
    case Aggregation::kMinimum:
      return "minimum";
    case Aggregation::kMaximum:
      return "maximum";
    case Aggregation::kTotal:
      return "total";
    case Aggregation::kCount:
      return "count";
  }
  return "";
}

std::optional<Aggregation> ParseAggregation(std::string_view text) {
  for (auto aggregation : {Aggregation::kAverage, Aggregation::kMinimum, Aggregation::kMaximum,
                           Aggregation::kTotal, Aggregation::kCount}) {
    if (EqualsIgnoreCase(text, AggregationName(aggregation))) return aggregation;
  }
  return std::nullopt;
}

bool MetricDefinition::Supports(Aggregation aggregation) const {
  return std::find(supported.begin(), supported.end(), aggregation) != supported.end();
}

bool MetricDefinition::HasDimension(std::string_view dimension) const {
  return std::any_of(dimensions.begin(), dimensions.end(),
                     [&](const std::string& d) { return EqualsIgnoreCase(d, dimension); });
}

const MetricDefinition* ResourceType::FindMetric(std::string_view name) const {
  for (const auto& metric : metrics) {
    if (EqualsIgnoreCase(metric.name, name)) return &metric;
  }
  return nullptr;
}

const std::vector<std::string>* ResourceType::FixedValues(std::string_view dimension) const {
  for (const auto& entry : fixed_dimension_values) {
    if (EqualsIgnoreCase(entry.dimension, dimension)) return &entry.values;
  }
  return nullptr;
}

const std::vector<std::string>& SupportedTimeGrains() {
  static const std::vector<std::string> kGrains = {"PT1M", "PT5M", "PT15M", "PT30M",
                                                   "PT1H", "PT6H", "PT12H", "P1D"};
  return kGrains;
}

namespace {

using enum Aggregation;

// Supported sets follow Azure's published metric table: queue-depth gauges are averaged,
// request and message counters are totalled. Gauges also accept Total/Count because Azure
// does (Promitor's own sample scrapes ActiveMessages with Total); Size does not.
const std::vector<Aggregation> kGaugeAggregations = {kAverage, kMinimum, kMaximum, kTotal, kCount};
const std::vector<Aggregation> kCounterAggregations = {kTotal, kAverage, kMinimum, kMaximum,
                                                       kCount};
const std::vector<Aggregation> kSizeAggregations = {kAverage, kMinimum, kMaximum};

ResourceType ServiceBusNamespaces() {
  const std::vector<std::string> entity = {"EntityName"};
  const std::vector<std::string> entity_result = {"EntityName", "OperationResult"};
  const std::vector<std::string> entity_subcode = {"EntityName", "MessagingErrorSubCode"};
  return ResourceType{
      .type = "Microsoft.ServiceBus/namespaces",
      .category = "Platform",
      .entity_dimension = "EntityName",
      .default_entities = {"demo_queue", "orders", "invoices", "events"},
      .fixed_dimension_values = {{"OperationResult", {"Success", "ClientError", "ServerError"}},
                                 {"MessagingErrorSubCode", {"QuotaExceeded", "CPU", "Memory"}}},
      .metrics = {
          {"ActiveMessages",
           "Count of active messages in a Queue/Topic.",
           "Count of active messages in a Queue/Topic.",
           "Count",
           kAverage,
           kGaugeAggregations,
           entity,
           {0, 120, 8}},
          {"DeadletteredMessages",
           "Count of dead-lettered messages in a Queue/Topic.",
           "Count of dead-lettered messages in a Queue/Topic.",
           "Count",
           kAverage,
           kGaugeAggregations,
           entity,
           {0, 10, 2}},
          {"ScheduledMessages",
           "Count of scheduled messages in a Queue/Topic.",
           "Count of scheduled messages in a Queue/Topic.",
           "Count",
           kAverage,
           kGaugeAggregations,
           entity,
           {0, 20, 3}},
          {"Messages",
           "Count of messages in a Queue/Topic.",
           "Count of messages in a Queue/Topic.",
           "Count",
           kAverage,
           kGaugeAggregations,
           entity,
           {0, 150, 10}},
          {"Size",
           "Size",
           "Size of an Queue/Topic in Bytes.",
           "Bytes",
           kAverage,
           kSizeAggregations,
           entity,
           {1000, 5'000'000, 4096}},
          {"IncomingMessages",
           "Incoming Messages",
           "Incoming Messages for Microsoft.ServiceBus.",
           "Count",
           kTotal,
           kCounterAggregations,
           entity,
           {0, 40, 20}},
          {"OutgoingMessages",
           "Outgoing Messages",
           "Outgoing Messages for Microsoft.ServiceBus.",
           "Count",
           kTotal,
           kCounterAggregations,
           entity,
           {0, 40, 20}},
          {"IncomingRequests",
           "Incoming Requests",
           "Incoming Requests for Microsoft.ServiceBus.",
           "Count",
           kTotal,
           kCounterAggregations,
           entity_result,
           {0, 60, 30}},
          {"SuccessfulRequests",
           "Successful Requests",
           "Total successful requests for a namespace",
           "Count",
           kTotal,
           kCounterAggregations,
           entity_result,
           {0, 60, 30}},
          {"ServerErrors",
           "Server Errors.",
           "Server Errors for Microsoft.ServiceBus.",
           "Count",
           kTotal,
           kCounterAggregations,
           entity_result,
           {0, 2, 2}},
          {"UserErrors",
           "User Errors.",
           "User Errors for Microsoft.ServiceBus.",
           "Count",
           kTotal,
           kCounterAggregations,
           entity_result,
           {0, 3, 2}},
          {"ThrottledRequests",
           "Throttled Requests.",
           "Throttled Requests for Microsoft.ServiceBus.",
           "Count",
           kTotal,
           kCounterAggregations,
           entity_subcode,
           {0, 2, 2}},
          {"ConnectionsActive",
           "ActiveConnections",
           "Total Active Connections for Microsoft.ServiceBus.",
           "Count",
           kTotal,
           kCounterAggregations,
           {},
           {1, 25, 3}},
      }};
}

const std::vector<ResourceType>& Catalogue() {
  static const std::vector<ResourceType> kTypes = [] {
    std::vector<ResourceType> types = {ServiceBusNamespaces()};
    for (auto& type : AzureMonitorTypes()) types.push_back(std::move(type));
    return types;
  }();
  return kTypes;
}

}  // namespace

const ResourceType* FindResourceType(std::string_view type) {
  for (const auto& resource_type : Catalogue()) {
    if (EqualsIgnoreCase(resource_type.type, type)) return &resource_type;
  }
  return nullptr;
}

std::string KnownResourceTypeList() {
  std::string list;
  for (const auto& resource_type : Catalogue()) {
    list += (list.empty() ? "" : ", ") + resource_type.type;
  }
  return list;
}

}  // namespace mensor::sim

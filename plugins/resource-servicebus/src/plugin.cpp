// Entry points of libmensor-plugin-servicebus.so.
#include <mensor/sdk.hpp>

#include "event_hubs.hpp"
#include "servicebus_namespace.hpp"

MENSOR_PLUGIN("servicebus", "0.2.0", "Azure messaging resource types (Service Bus, Event Hubs)",
              mensor::plugins::servicebus::ServiceBusNamespace,
              mensor::plugins::servicebus::EventHubs);

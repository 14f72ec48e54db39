// Entry points of libmensor-plugin-servicebus.so.
#include <mensor/sdk.hpp>

#include "servicebus_namespace.hpp"

MENSOR_PLUGIN("servicebus", "0.1.0", "Azure Service Bus resource types",
              mensor::plugins::servicebus::ServiceBusNamespace);

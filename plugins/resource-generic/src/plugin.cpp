// Entry points of libmensor-plugin-generic.so: resource type Generic.
#include <mensor/sdk.hpp>

#include "generic.hpp"

MENSOR_PLUGIN("generic", "0.2.0", "Any Azure Monitor resource by its URI",
              mensor::resources::Generic);

#pragma once

#include <string_view>

#include <mensor/abi.h>

namespace mensor::plugin {

// "CONFIG", "TIMEOUT", ... for log lines and refusal reasons; "UNKNOWN(<n>)" is not produced
// here because callers treat unknown codes as INTERNAL (abi.h), so they get "INTERNAL".
std::string_view StatusName(mensor_status status);

// Maps codes unknown to this host to MENSOR_E_INTERNAL, as abi.h requires of receivers.
mensor_status NormaliseStatus(mensor_status status);

}  // namespace mensor::plugin

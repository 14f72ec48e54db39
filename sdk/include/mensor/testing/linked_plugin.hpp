// Declares the entry points of the plugin linked into a test binary (one plugin per binary:
// link the `<target>-objects` library that mensor_add_plugin creates).
#pragma once

#include <mensor/abi.h>

extern "C" {
MENSOR_PLUGIN_EXPORT const mensor_plugin_info* mensor_plugin_info_v1(void);
MENSOR_PLUGIN_EXPORT mensor_status mensor_plugin_register_v1(const mensor_host_api* host,
                                                             mensor_registrar* reg,
                                                             mensor_call* call);
}

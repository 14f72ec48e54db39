/* Builds abi.h as strict C99 (-Wall -Wextra -pedantic -Werror): the build fails if the contract
 * stops being C. Running it checks a few layout facts plugins in any language rely on. */
#include <mensor/abi.h>

#include <stdio.h>

static mensor_status Register(const mensor_host_api* host, mensor_registrar* reg,
                              mensor_call* call) {
  (void)host;
  (void)reg;
  (void)call;
  return MENSOR_OK;
}

int main(void) {
  mensor_plugin_register_fn fn = Register;
  mensor_str s = {"abc", 3};
  mensor_sample sample = {0};
  int failures = 0;
  sample.struct_size = (uint32_t)sizeof sample;
  if (MENSOR_ABI_MAJOR_OF(MENSOR_ABI_VERSION) != MENSOR_ABI_VERSION_MAJOR) ++failures;
  if (MENSOR_ABI_MINOR_OF(MENSOR_ABI_VERSION) != MENSOR_ABI_VERSION_MINOR) ++failures;
  if (fn(NULL, NULL, NULL) != MENSOR_OK) ++failures;
  if (s.len != 3 || sample.struct_size == 0) ++failures;
  if (offsetof(mensor_host_api, struct_size) != 0) ++failures;
  if (offsetof(mensor_resource_type_desc, struct_size) != 0) ++failures;
  if (offsetof(mensor_auth_mode_desc, struct_size) != 0) ++failures;
  if (offsetof(mensor_sink_desc, struct_size) != 0) ++failures;
  if (offsetof(mensor_plugin_info, struct_size) != 0) ++failures;
  if (failures != 0) fprintf(stderr, "abi.h layout check failed (%d)\n", failures);
  return failures;
}

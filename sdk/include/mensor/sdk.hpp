// Umbrella header of the Mensor plugin SDK (header-only C++20 wrapper over mensor/abi.h).
// A plugin author writes a class and one macro line:
//
//   #include <mensor/sdk.hpp>
//   class MyType final : public mensor::sdk::ResourceType { ... };
//   MENSOR_PLUGIN("mylib", "0.1.0", "My resource types", MyType);
//
// See docs/plugin-authors/README.md.
#pragma once

#include <mensor/abi.h>                  // IWYU pragma: export
#include <mensor/sdk/auth_mode.hpp>      // IWYU pragma: export
#include <mensor/sdk/batch.hpp>          // IWYU pragma: export
#include <mensor/sdk/call.hpp>           // IWYU pragma: export
#include <mensor/sdk/collect.hpp>        // IWYU pragma: export
#include <mensor/sdk/config.hpp>         // IWYU pragma: export
#include <mensor/sdk/error.hpp>          // IWYU pragma: export
#include <mensor/sdk/host.hpp>           // IWYU pragma: export
#include <mensor/sdk/http.hpp>           // IWYU pragma: export
#include <mensor/sdk/init_context.hpp>   // IWYU pragma: export
#include <mensor/sdk/logger.hpp>         // IWYU pragma: export
#include <mensor/sdk/plugin.hpp>         // IWYU pragma: export
#include <mensor/sdk/resource_type.hpp>  // IWYU pragma: export
#include <mensor/sdk/route.hpp>          // IWYU pragma: export
#include <mensor/sdk/schema.hpp>         // IWYU pragma: export
#include <mensor/sdk/sink.hpp>           // IWYU pragma: export
#include <mensor/sdk/target.hpp>         // IWYU pragma: export
#include <mensor/sdk/type_info.hpp>      // IWYU pragma: export

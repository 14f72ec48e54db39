// Which malloc the process runs on, and handing freed memory back to the system.
//
// The agent links jemalloc when the build finds it (MENSOR_ALLOCATOR, see docs/performance.md):
// a scrape cycle frees hundreds of thousands of small blocks on other threads than the ones that
// allocated them, and glibc spent about a third of the agent's CPU sorting those. Everything here
// asks the running allocator at run time, so it is also right under LD_PRELOAD or a sanitizer.
#pragma once

#include <string>

namespace mensor::agent {

/// "jemalloc 5.3.0 (2 arenas, background purging)" or "glibc". THREADS: any.
std::string AllocatorDescription();

/// Returns freed memory to the system now (jemalloc: purge every arena; glibc: malloc_trim).
/// Costs a pass over the heap: call after start-up, not per cycle. THREADS: any.
void ReleaseFreeMemory();

}  // namespace mensor::agent

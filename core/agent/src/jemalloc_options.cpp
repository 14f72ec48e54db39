// Compiled into bin/mensor only when it links jemalloc: jemalloc reads this symbol of the
// executable at start-up (MALLOC_CONF in the environment still overrides it).
//
// - narenas:2: a handful of threads allocate; more arenas only spread the same data thinner.
// - background_thread: freed pages go back to the system from jemalloc's own thread after
//   dirty_decay_ms, so an idle agent's RSS shrinks without the scrape threads paying for it.
// - muzzy_decay_ms:0: lazily freed pages are not kept resident a second time round.
extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): the name jemalloc looks for.
const char* malloc_conf = "narenas:2,background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0";
}

#include "mensor/agent/allocator.hpp"

#include <dlfcn.h>
#include <malloc.h>

#include <cstddef>
#include <string>

#include <fmt/format.h>

namespace mensor::agent {
namespace {

// jemalloc's control interface, looked up rather than linked: absent under glibc.
using MallctlFn = int (*)(const char* name, void* old_value, size_t* old_size, void* new_value,
                          size_t new_size);

MallctlFn Mallctl() {
  static const auto fn = reinterpret_cast<MallctlFn>(dlsym(RTLD_DEFAULT, "mallctl"));
  return fn;
}

template <typename T>
bool Read(MallctlFn mallctl, const char* name, T& value) {
  size_t size = sizeof(T);
  return mallctl(name, &value, &size, nullptr, 0) == 0 && size == sizeof(T);
}

}  // namespace

std::string AllocatorDescription() {
  const MallctlFn mallctl = Mallctl();
  if (mallctl == nullptr) return "glibc";
  const char* version = nullptr;
  unsigned arenas = 0;
  bool background = false;
  std::string text = "jemalloc";
  if (Read(mallctl, "version", version) && version != nullptr) {
    const std::string full(version);
    text += ' ' + full.substr(0, full.find('-'));  // "5.3.0-0-g54ea…" → "5.3.0"
  }
  if (Read(mallctl, "opt.narenas", arenas)) text += fmt::format(" ({} arenas", arenas);
  if (Read(mallctl, "background_thread", background) && background) text += ", background purging";
  if (arenas != 0) text += ')';
  return text;
}

void ReleaseFreeMemory() {
  if (const MallctlFn mallctl = Mallctl()) {
    // "arena.<MALLCTL_ARENAS_ALL>.purge": every arena's unused dirty pages go back at once.
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
  malloc_trim(0);
}

}  // namespace mensor::agent

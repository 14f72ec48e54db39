#include "mensor/agent/token_cache.hpp"

#include <algorithm>

namespace mensor::agent {
namespace {
constexpr std::chrono::minutes kRenewAhead{5};
}  // namespace

TokenCache::TokenCache(Fetch fetch, Clock clock)
    : fetch_(std::move(fetch)), clock_(std::move(clock)) {}

TokenCache::Entry& TokenCache::EntryFor(const std::string& scope) {
  std::lock_guard lock(map_mutex_);
  auto& slot = entries_[scope];
  if (!slot) slot = std::make_unique<Entry>();
  return *slot;
}

bool TokenCache::NeedsRenewal(const Entry& entry, std::chrono::system_clock::time_point now) const {
  if (!entry.present) return true;
  const auto lifetime = entry.token.expires - entry.obtained;
  const auto ahead = std::min<std::chrono::system_clock::duration>(kRenewAhead, lifetime / 2);
  return now >= entry.token.expires - ahead;
}

std::string TokenCache::Get(const std::string& scope) {
  Entry& entry = EntryFor(scope);
  std::lock_guard lock(entry.mutex);
  const auto now = clock_();
  if (!NeedsRenewal(entry, now)) return entry.token.value;
  try {
    AccessToken fresh = fetch_(scope);
    entry.token = std::move(fresh);
    entry.obtained = now;
    entry.present = true;
  } catch (...) {
    // A failed early renewal must not break scraping while the old token still works.
    if (entry.present && now < entry.token.expires) return entry.token.value;
    throw;
  }
  return entry.token.value;
}

void TokenCache::Invalidate(const std::string& scope, const std::string& rejected) {
  Entry& entry = EntryFor(scope);
  std::lock_guard lock(entry.mutex);
  if (entry.present && entry.token.value == rejected) entry.present = false;
}

}  // namespace mensor::agent

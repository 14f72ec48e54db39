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
  bool still_valid = false;
  std::string cached;
  uint64_t seen_generation = 0;
  {
    std::lock_guard data(entry.data_mutex);
    const auto now = clock_();
    if (!NeedsRenewal(entry, now)) return entry.token.value;
    still_valid = entry.present && now < entry.token.expires;
    cached = entry.token.value;
    seen_generation = entry.generation;
  }
  std::unique_lock fetching(entry.fetch_mutex, std::defer_lock);
  if (still_valid) {
    // Someone is already renewing ahead of expiry: the current token still works meanwhile.
    if (!fetching.try_lock()) return cached;
  } else {
    fetching.lock();
  }
  return FetchInto(entry, scope, seen_generation);
}

std::string TokenCache::FetchInto(Entry& entry, const std::string& scope,
                                  uint64_t seen_generation) {
  {
    std::lock_guard data(entry.data_mutex);
    // Another caller fetched while this one waited: share its outcome instead of fetching again,
    // so a failing endpoint sees one request per renewal, not one per waiting caller.
    if (entry.generation != seen_generation) {
      if (entry.present && clock_() < entry.token.expires) return entry.token.value;
      if (entry.last_failure) std::rethrow_exception(entry.last_failure);
    }
    if (!NeedsRenewal(entry, clock_())) return entry.token.value;
  }
  const auto started = clock_();
  std::exception_ptr failure;
  std::string value;
  bool still_valid = false;
  try {
    AccessToken fresh = fetch_(scope);
    std::lock_guard data(entry.data_mutex);
    entry.token = std::move(fresh);
    entry.obtained = started;
    entry.present = true;
    entry.last_failure = nullptr;
    ++entry.generation;
    value = entry.token.value;
  } catch (...) {
    failure = std::current_exception();
    std::lock_guard data(entry.data_mutex);
    entry.last_failure = failure;
    ++entry.generation;
    still_valid = entry.present && clock_() < entry.token.expires;
    value = entry.token.value;
  }
  if (observer_) observer_(!failure);
  // A failed early renewal must not break scraping while the old token still works.
  if (failure && !still_valid) std::rethrow_exception(failure);
  return value;
}

void TokenCache::Invalidate(const std::string& scope, const std::string& rejected) {
  Entry& entry = EntryFor(scope);
  std::lock_guard data(entry.data_mutex);
  if (entry.present && entry.token.value == rejected) entry.present = false;
}

std::map<std::string, std::chrono::system_clock::time_point> TokenCache::Expiries() const {
  std::map<std::string, std::chrono::system_clock::time_point> out;
  std::lock_guard lock(map_mutex_);
  for (const auto& [scope, entry] : entries_) {
    std::lock_guard data(entry->data_mutex);
    if (entry->present) out.emplace(scope, entry->token.expires);
  }
  return out;
}

}  // namespace mensor::agent

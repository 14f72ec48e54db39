#include "series_clock.hpp"

#include <algorithm>
#include <string_view>

namespace mensor::remote_write {
namespace {

void Mix(uint64_t& hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;  // FNV-1a
  }
  hash ^= 0xff;  // a byte no label holds: "ab","c" and "a","bc" differ
  hash *= 0x100000001b3ull;
}

}  // namespace

uint64_t SeriesKey(const Series& series) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (const auto& [name, value] : series.labels) {
    Mix(hash, name);
    Mix(hash, value);
  }
  return hash;
}

size_t SeriesClock::Filter(std::vector<Series>& series) {
  pending_.clear();
  batch_keys_.clear();
  const size_t before = series.size();
  std::erase_if(series, [this](const Series& s) {
    const uint64_t key = SeriesKey(s);
    const auto known = last_ms_.find(key);
    if (known != last_ms_.end() && s.timestamp_ms <= known->second) return true;
    // Two samples of one series in one batch: only the first is sent.
    if (!batch_keys_.insert(key).second) return true;
    pending_.emplace_back(key, s.timestamp_ms);
    return false;
  });
  return before - series.size();
}

void SeriesClock::Commit() {
  for (const auto& [key, ms] : pending_) {
    int64_t& last = last_ms_[key];
    last = std::max(last, ms);
    newest_ms_ = std::max(newest_ms_, ms);
  }
  pending_.clear();
  if (last_ms_.size() > 2 * size_at_last_forget_ + 1024) Forget(newest_ms_);
}

void SeriesClock::Forget(int64_t newest_ms) {
  std::erase_if(last_ms_, [newest_ms](const auto& entry) {
    return entry.second < newest_ms - kForgetAfterMs;
  });
  size_at_last_forget_ = last_ms_.size();
}

}  // namespace mensor::remote_write

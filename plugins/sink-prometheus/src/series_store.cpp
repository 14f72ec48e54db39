#include "series_store.hpp"

#include <algorithm>

#include "gzip.hpp"
#include "openmetrics.hpp"

namespace mensor::prometheus {

void SeriesStore::Replace(std::string_view scope, ScopeSnapshot snapshot) {
  // Group the (family-sorted) series into one exactly sized buffer per family, outside the
  // lock. A scope usually holds one or two families: a vector beats a map here.
  const std::vector<SeriesEntry>& series = snapshot.series();
  std::vector<std::pair<std::string_view, Chunk>> chunks;
  for (size_t first = 0; first < series.size();) {
    size_t last = first;
    size_t bytes = 0;
    while (last < series.size() && series[last].family == series[first].family) {
      bytes += series[last++].line.size();
    }
    Chunk& chunk = chunks.emplace_back(series[first].family, Chunk{}).second;
    std::string text;
    text.reserve(bytes);
    chunk.identities.reserve(last - first);
    chunk.ends.reserve(last - first);
    for (size_t i = first; i < last; ++i) {
      text += series[i].line;
      chunk.identities.push_back(series[i].identity);
      chunk.ends.push_back(static_cast<uint32_t>(text.size()));
      chunk.timestamps = chunk.timestamps || HasTimestamp(series[i].line);
    }
    chunk.text = std::make_shared<const std::string>(std::move(text));
    first = last;
  }

  std::lock_guard<std::mutex> lock(mutex_);
  auto known = scopes_.find(scope);
  if (known == scopes_.end()) {
    if (chunks.empty()) return;  // removing a scope that holds nothing
    known = scopes_.emplace(std::string(scope), std::vector<Placement>{}).first;
  }
  const std::string_view key = known->first;
  std::vector<Placement>& placements = known->second;
  bool changed = false;
  const bool same_families =
      placements.size() == chunks.size() &&
      std::equal(chunks.begin(), chunks.end(), placements.begin(),
                 [](const auto& chunk, const Placement& at) {
                   return chunk.first == at.family->first;
                 });
  if (same_families) {
    for (size_t i = 0; i < chunks.size(); ++i) {
      Chunk& stored = placements[i].chunk->second;
      if (stored == chunks[i].second) continue;  // unchanged: keep the rendered bodies
      // A new text, not an edit of the old one: bodies being written still view the old bytes.
      stored = std::move(chunks[i].second);
      changed = true;
    }
  } else {
    for (const Placement& at : placements) {
      at.family->second.scopes.erase(at.chunk);
      if (at.family->second.scopes.empty()) families_.erase(at.family);
    }
    placements.clear();
    for (auto& [family, chunk] : chunks) {
      auto entry = families_.find(family);
      if (entry == families_.end()) {
        entry = families_.try_emplace(std::string(family)).first;
        entry->second.meta = snapshot.families().find(family)->second;
      }
      auto slot = entry->second.scopes.insert_or_assign(key, std::move(chunk)).first;
      placements.push_back(Placement{entry, slot});
    }
    changed = true;
    if (placements.empty()) scopes_.erase(known);
  }
  if (changed) {
    for (auto& body : bodies_) body.reset();
    for (auto& body : gzip_bodies_) body.reset();
  }
}

std::shared_ptr<const BodySnapshot> SeriesStore::Body(Format format) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& body = bodies_[static_cast<int>(format)];
  if (!body) body = Render(format);
  return body;
}

std::shared_ptr<const std::string> SeriesStore::GzipBody(Format format) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& compressed = gzip_bodies_[static_cast<int>(format)];
  if (compressed) return compressed;
  auto& body = bodies_[static_cast<int>(format)];
  if (!body) body = Render(format);
  compressed = std::make_shared<const std::string>(Gzip(body->segments()));
  return compressed;
}

size_t SeriesStore::cross_scope_duplicates() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return cross_scope_duplicates_;
}

// Caller holds mutex_. Families in name order, their scopes in name order, each scope's lines
// sorted: one deterministic order, and a series exported by several scopes keeps the first.
std::shared_ptr<const BodySnapshot> SeriesStore::Render(Format format) const {
  BodyBuilder builder(format);
  for (const auto& [name, family] : families_) {
    builder.BeginFamily(name, family.meta, family.scopes.size());
    for (const auto& [scope, chunk] : family.scopes) builder.AddChunk(chunk);
  }
  cross_scope_duplicates_ = builder.cross_scope_duplicates();
  return builder.Finish();
}

}  // namespace mensor::prometheus

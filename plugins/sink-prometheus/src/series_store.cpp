#include "series_store.hpp"

#include <algorithm>
#include <unordered_set>

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
    chunk.text.reserve(bytes);
    chunk.identities.reserve(last - first);
    chunk.ends.reserve(last - first);
    for (size_t i = first; i < last; ++i) {
      chunk.text += series[i].line;
      chunk.identities.push_back(series[i].identity);
      chunk.ends.push_back(static_cast<uint32_t>(chunk.text.size()));
    }
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
    for (auto& per_format : bodies_) {
      for (auto& body : per_format) body.reset();
    }
  }
}

std::shared_ptr<const std::string> SeriesStore::Body(Format format, bool gzip) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& plain = bodies_[static_cast<int>(format)][0];
  if (!plain) plain = Render(format);
  if (!gzip) return plain;
  auto& compressed = bodies_[static_cast<int>(format)][1];
  if (!compressed) compressed = std::make_shared<const std::string>(Gzip(*plain));
  return compressed;
}

size_t SeriesStore::cross_scope_duplicates() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return cross_scope_duplicates_;
}

// Caller holds mutex_. Families in name order, their scopes in name order, each scope's lines
// sorted: one deterministic order, and a series exported by several scopes keeps the first.
std::shared_ptr<const std::string> SeriesStore::Render(Format format) const {
  const bool open_metrics = format == Format::kOpenMetrics;
  size_t bytes = 0;
  for (const auto& [name, family] : families_) {
    bytes += 64 + name.size() * 2 + family.meta.help.size();
    for (const auto& [scope, chunk] : family.scopes) bytes += chunk.text.size();
  }
  auto body = std::make_shared<std::string>();
  body->reserve(bytes + (open_metrics ? bytes / 16 + 8 : 0));
  cross_scope_duplicates_ = 0;
  std::unordered_set<uint64_t> seen;
  for (const auto& [name, family] : families_) {
    const std::string_view type = family.meta.type;
    const std::string_view exposed = open_metrics ? OpenMetricsFamilyName(name, type) : name;
    const bool insert_total = open_metrics && type == "counter" && exposed == name;
    if (!family.meta.help.empty()) {
      *body += "# HELP ";
      *body += exposed;
      *body += ' ';
      *body += open_metrics ? OpenMetricsHelp(family.meta.help) : family.meta.help;
      *body += '\n';
    }
    *body += "# TYPE ";
    *body += exposed;
    *body += ' ';
    *body += type;
    *body += '\n';
    const bool single = family.scopes.size() == 1;
    seen.clear();
    for (const auto& [scope, chunk] : family.scopes) {
      if (single && !open_metrics) {
        *body += chunk.text;  // a snapshot holds no duplicates: one copy of the whole chunk
        continue;
      }
      uint32_t begin = 0;
      for (size_t i = 0; i < chunk.ends.size(); ++i) {
        const std::string_view line(chunk.text.data() + begin, chunk.ends[i] - begin);
        begin = chunk.ends[i];
        if (!single && !seen.insert(chunk.identities[i]).second) {
          ++cross_scope_duplicates_;
          continue;
        }
        if (open_metrics) {
          AppendOpenMetricsLine(*body, line, name.size(), insert_total);
        } else {
          *body += line;
        }
      }
    }
  }
  if (open_metrics) *body += "# EOF\n";
  return body;
}

}  // namespace mensor::prometheus

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
  const auto has_family = [&chunks](std::string_view family) {
    return std::any_of(chunks.begin(), chunks.end(),
                       [family](const auto& chunk) { return chunk.first == family; });
  };

  std::lock_guard<std::mutex> lock(mutex_);
  auto known = scope_families_.find(scope);
  if (known == scope_families_.end()) {
    if (chunks.empty()) return;  // removing a scope that holds nothing
    known = scope_families_.emplace(std::string(scope), std::vector<std::string>{}).first;
  }
  const std::string& key = known->first;
  std::vector<std::string>& old_families = known->second;
  bool changed = false;
  for (const std::string& family : old_families) {
    if (has_family(family)) continue;
    auto found = families_.find(family);
    if (found == families_.end()) continue;
    found->second.scopes.erase(key);
    if (found->second.scopes.empty()) families_.erase(found);
    changed = true;
  }
  const bool same_families =
      old_families.size() == chunks.size() &&
      std::equal(chunks.begin(), chunks.end(), old_families.begin(),
                 [](const auto& chunk, const std::string& family) { return chunk.first == family; });
  if (!same_families) {
    old_families.clear();
    for (const auto& chunk : chunks) old_families.emplace_back(chunk.first);
  }
  for (auto& [family, chunk] : chunks) {
    auto entry = families_.find(family);
    if (entry == families_.end()) {
      entry = families_.try_emplace(std::string(family)).first;
      entry->second.meta = snapshot.families().find(family)->second;
    }
    auto [slot, inserted] = entry->second.scopes.try_emplace(key);
    if (!inserted && slot->second == chunk) continue;  // unchanged: keep the rendered bodies
    slot->second = std::move(chunk);
    changed = true;
  }
  if (old_families.empty()) scope_families_.erase(known);
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

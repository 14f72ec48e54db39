#include "series_store.hpp"

#include <unordered_set>

#include "gzip.hpp"
#include "openmetrics.hpp"

namespace mensor::prometheus {

void SeriesStore::Replace(std::string_view scope, ScopeSnapshot snapshot) {
  // Group the (sorted) series by family into one buffer each, outside the lock.
  std::map<std::string, Chunk, std::less<>> chunks;
  for (const SeriesEntry& entry : snapshot.series()) {
    Chunk& chunk = chunks[entry.family];
    chunk.text += entry.line;
    chunk.identities.push_back(entry.identity);
    chunk.ends.push_back(static_cast<uint32_t>(chunk.text.size()));
  }
  for (auto& [family, chunk] : chunks) {
    chunk.text.shrink_to_fit();
    chunk.identities.shrink_to_fit();
    chunk.ends.shrink_to_fit();
  }

  std::lock_guard<std::mutex> lock(mutex_);
  const std::string key(scope);
  std::vector<std::string>& old_families = scope_families_[key];
  bool changed = false;
  for (const std::string& family : old_families) {
    if (chunks.count(family) != 0) continue;
    auto found = families_.find(family);
    if (found == families_.end()) continue;
    found->second.scopes.erase(key);
    if (found->second.scopes.empty()) families_.erase(found);
    changed = true;
  }
  old_families.clear();
  for (auto& [family, chunk] : chunks) {
    old_families.push_back(family);
    auto [entry, created] = families_.try_emplace(family);
    if (created) entry->second.meta = snapshot.families().at(family);
    auto [slot, inserted] = entry->second.scopes.try_emplace(key);
    if (!inserted && slot->second == chunk) continue;  // unchanged: keep the rendered bodies
    slot->second = std::move(chunk);
    changed = true;
  }
  if (old_families.empty()) scope_families_.erase(key);
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

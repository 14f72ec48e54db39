#include "series_store.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

namespace mensor::prometheus {
namespace {

struct Ref {
  const SeriesEntry* entry;
  const ScopeSnapshot* scope;
};

}  // namespace

void SeriesStore::Replace(std::string_view scope, ScopeSnapshot snapshot) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = scopes_.find(scope);
  if (snapshot.empty()) {
    if (it == scopes_.end()) return;
    scopes_.erase(it);
  } else if (it == scopes_.end()) {
    scopes_.emplace(std::string(scope), std::move(snapshot));
  } else {
    if (it->second == snapshot) return;  // unchanged: keep the rendered body
    it->second = std::move(snapshot);
  }
  dirty_ = true;
}

std::shared_ptr<const std::string> SeriesStore::Body() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (dirty_) {
    body_ = Render();
    dirty_ = false;
  }
  return body_;
}

size_t SeriesStore::cross_scope_duplicates() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return cross_scope_duplicates_;
}

// Caller holds mutex_. Scopes are visited in name order and each is sorted, so a stable sort
// gives one deterministic order and, for a series exported by several scopes, keeps the one
// from the first scope.
std::shared_ptr<const std::string> SeriesStore::Render() const {
  std::vector<Ref> refs;
  size_t bytes = 0;
  for (const auto& [name, snapshot] : scopes_) {
    for (const SeriesEntry& entry : snapshot.series()) {
      refs.push_back(Ref{&entry, &snapshot});
      bytes += entry.line.size();
    }
  }
  std::stable_sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
    return std::tie(a.entry->family, a.entry->identity) <
           std::tie(b.entry->family, b.entry->identity);
  });

  auto body = std::make_shared<std::string>();
  body->reserve(bytes + bytes / 8);
  cross_scope_duplicates_ = 0;
  const SeriesEntry* previous = nullptr;
  for (const Ref& ref : refs) {
    const SeriesEntry& entry = *ref.entry;
    const bool new_family = previous == nullptr || previous->family != entry.family;
    if (!new_family && previous->identity == entry.identity) {
      ++cross_scope_duplicates_;
      continue;
    }
    if (new_family) {
      const FamilyMeta& meta = ref.scope->families().find(entry.family)->second;
      if (!meta.help.empty()) *body += "# HELP " + entry.family + " " + meta.help + "\n";
      *body += "# TYPE " + entry.family + " " + meta.type + "\n";
    }
    *body += entry.line;
    previous = &entry;
  }
  return body;
}

}  // namespace mensor::prometheus

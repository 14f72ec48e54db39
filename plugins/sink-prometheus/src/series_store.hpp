// All series the sink currently exposes, by family and scope, and the scrape bodies.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scope_snapshot.hpp"

namespace mensor::prometheus {

/// \brief The exposition formats the endpoint negotiates.
enum class Format { kText, kOpenMetrics };  // text 0.0.4, OpenMetrics 1.0.0

/// \brief Keeps, per scope, only the newest batch's series, stored per family as the exposition
/// lines rendered when the batch was written (one buffer per family and scope, not one string
/// per series). A scrape after a change assembles the body once by concatenation (a family of
/// one scope is one copy); every later scrape until the next change shares that body, and its
/// gzip-compressed form is cached beside it.
/// Thread-safety: all members may be called concurrently (writes vs. scrapes).
class SeriesStore {
 public:
  /// Replaces everything stored under `scope` (an empty snapshot removes the scope, so
  /// vanished resources and dimension values disappear). The snapshot must be Finish()ed.
  void Replace(std::string_view scope, ScopeSnapshot snapshot);

  /// The current exposition in `format`, gzip-compressed when `gzip`; never null.
  std::shared_ptr<const std::string> Body(Format format = Format::kText, bool gzip = false);

  /// Series dropped by the last render because another scope already exported them.
  size_t cross_scope_duplicates() const;

 private:
  struct Chunk {  // the lines one scope holds in one family
    std::string text;
    std::vector<uint64_t> identities;
    std::vector<uint32_t> ends;  // end offset of each line in text
    bool operator==(const Chunk&) const = default;
  };
  struct Family {
    FamilyMeta meta;
    // Keys view the scope strings owned by scopes_ (node keys never move): one copy per scope.
    std::map<std::string_view, Chunk> scopes;
  };
  using Families = std::map<std::string, Family, std::less<>>;
  // Where one scope's chunks live, so a steady-state write (same scope, same families) goes
  // straight to them: no search of a family's scopes (tens of thousands of long keys with a
  // shared prefix, a cache miss per level).
  struct Placement {
    Families::iterator family;
    std::map<std::string_view, Chunk>::iterator chunk;
  };
  struct StringHash {  // heterogeneous lookup: find a scope by string_view without a copy
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  std::shared_ptr<const std::string> Render(Format format) const;

  mutable std::mutex mutex_;
  Families families_;
  std::unordered_map<std::string, std::vector<Placement>, StringHash, std::equal_to<>> scopes_;
  std::shared_ptr<const std::string> bodies_[2][2];  // [format][gzip]; null = not built
  mutable size_t cross_scope_duplicates_ = 0;
};

}  // namespace mensor::prometheus

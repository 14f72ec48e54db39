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

#include "body_snapshot.hpp"
#include "chunk.hpp"
#include "scope_snapshot.hpp"

namespace mensor::prometheus {

/// \brief Keeps, per scope, only the newest batch's series, stored per family as the exposition
/// lines rendered when the batch was written (one Chunk per family and scope, not one string per
/// series). A scrape after a change builds a BodySnapshot once: views into the chunks, so each
/// series is held once, not a second time in an assembled body. Every later scrape until the next
/// change shares that snapshot, and the gzip-compressed body is cached beside it.
/// Thread-safety: all members may be called concurrently (writes vs. scrapes).
class SeriesStore {
 public:
  /// Replaces everything stored under `scope` (an empty snapshot removes the scope, so
  /// vanished resources and dimension values disappear). The snapshot must be Finish()ed.
  void Replace(std::string_view scope, ScopeSnapshot snapshot);

  /// The current exposition in `format`; never null. Its segments stay valid and unchanged for
  /// as long as the snapshot is held, whatever is written meanwhile.
  std::shared_ptr<const BodySnapshot> Body(Format format = Format::kText);
  /// The current exposition in `format`, gzip-compressed; never null.
  std::shared_ptr<const std::string> GzipBody(Format format = Format::kText);

  /// Series dropped by the last render because another scope already exported them.
  size_t cross_scope_duplicates() const;

 private:
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

  std::shared_ptr<const BodySnapshot> Render(Format format) const;

  mutable std::mutex mutex_;
  Families families_;
  std::unordered_map<std::string, std::vector<Placement>, StringHash, std::equal_to<>> scopes_;
  // Per format; null = not built since the last change.
  std::shared_ptr<const BodySnapshot> bodies_[2];
  std::shared_ptr<const std::string> gzip_bodies_[2];
  mutable size_t cross_scope_duplicates_ = 0;
};

}  // namespace mensor::prometheus

// A scrape body kept as views into the stored chunks, so the exposition is never assembled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "chunk.hpp"
#include "scope_snapshot.hpp"

namespace mensor::prometheus {

/// \brief The exposition formats the endpoint negotiates.
enum class Format { kText, kOpenMetrics };  // text 0.0.4, OpenMetrics 1.0.0

/// \brief One immutable scrape body: the exposition is the concatenation of segments(). Most
/// segments view the texts of stored chunks, which the snapshot keeps alive; the rest view one
/// buffer of its own holding what has to be generated (family headers, `# EOF`, chunks that
/// cannot be served as stored). Built by BodyBuilder.
/// Thread-safety: immutable once built; any number of responses may send it at once.
class BodySnapshot {
 public:
  std::span<const std::string_view> segments() const { return segments_; }
  /// Bytes of the whole body.
  size_t size() const { return size_; }
  /// Bytes the snapshot generated itself rather than viewing a stored chunk.
  size_t generated_bytes() const { return generated_.size(); }

 private:
  friend class BodyBuilder;

  std::vector<std::string_view> segments_;
  std::vector<std::shared_ptr<const std::string>> chunk_texts_;  // what segments_ view
  std::string generated_;  // complete before segments_ view it: never reallocated after
  size_t size_ = 0;
};

/// \brief Builds a BodySnapshot from families given in output order (by name), each family's
/// chunks in scope order. Output is the text format 0.0.4 or OpenMetrics 1.0, byte for byte what
/// rendering every line would give: a series exported by several scopes keeps the first.
/// A chunk is served as stored when that is what rendering would produce: always for a family
/// held by one scope in the text format; in a family of several scopes only when none of its
/// series was exported by an earlier scope; in OpenMetrics only when no line changes (no
/// timestamps, no `_total` to insert). Other chunks have their surviving lines rendered into the
/// snapshot's own buffer.
/// Not thread-safe; single use.
class BodyBuilder {
 public:
  explicit BodyBuilder(Format format);

  /// Starts a family held by `scope_count` scopes with its `# HELP` and `# TYPE` lines.
  void BeginFamily(std::string_view name, const FamilyMeta& meta, size_t scope_count);
  /// Adds the current family's next chunk; `chunk.text` must not be null.
  void AddChunk(const Chunk& chunk);
  /// Ends the body (`# EOF` for OpenMetrics) and hands it over; the builder is spent.
  std::shared_ptr<const BodySnapshot> Finish();

  /// Series left out so far because an earlier scope of their family exported them.
  size_t cross_scope_duplicates() const { return cross_scope_duplicates_; }

 private:
  // Where a segment's bytes are until the generated buffer stops growing: a stored chunk's text
  // or (chunk == nullptr) a range of the generated buffer.
  struct Piece {
    const std::string* chunk;
    size_t begin, end;
  };

  // Records generated_[begin, end()) as the next piece, merged with a generated piece before it.
  void MarkGenerated(size_t begin);

  const Format format_;
  std::shared_ptr<BodySnapshot> body_ = std::make_shared<BodySnapshot>();
  std::vector<Piece> pieces_;
  // The family being added.
  size_t name_length_ = 0;
  bool insert_total_ = false;  // OpenMetrics: counter samples get `_total` appended to the name
  bool single_scope_ = false;
  std::unordered_set<uint64_t> seen_;  // identities exported by the family's earlier scopes
  size_t cross_scope_duplicates_ = 0;
};

}  // namespace mensor::prometheus

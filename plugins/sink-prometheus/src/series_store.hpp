// All series the sink currently exposes, per scope, and the rendered scrape body.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "scope_snapshot.hpp"

namespace mensor::prometheus {

/// \brief Keeps, per scope, only the newest batch's series and serves the exposition text.
/// The body is rendered at most once per change, on the first scrape after it, and shared
/// with every scrape until the next change.
/// Thread-safety: all members may be called concurrently (writes vs. scrapes).
class SeriesStore {
 public:
  /// Replaces everything stored under `scope` (an empty snapshot removes the scope, so
  /// vanished resources and dimension values disappear). The snapshot must be Finish()ed.
  void Replace(std::string_view scope, ScopeSnapshot snapshot);

  /// The current exposition text (text format 0.0.4); never null.
  std::shared_ptr<const std::string> Body();

  /// Series dropped by the last render because another scope already exported them.
  size_t cross_scope_duplicates() const;

 private:
  std::shared_ptr<const std::string> Render() const;

  mutable std::mutex mutex_;
  std::map<std::string, ScopeSnapshot, std::less<>> scopes_;
  std::shared_ptr<const std::string> body_ = std::make_shared<const std::string>();
  bool dirty_ = false;
  mutable size_t cross_scope_duplicates_ = 0;
};

}  // namespace mensor::prometheus

#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <yaml-cpp/mark.h>

namespace mensor::config {

enum class Severity { kError, kWarning };

// One problem found in a configuration source. line/column are 1-based; 0 means "no position"
// (e.g. a file that cannot be read or a value injected through an environment variable).
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

// "file:line:column: error: message" (position parts omitted when unknown).
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// Collects every problem instead of stopping at the first one, so a user fixes a config in one
// round trip. Marks are yaml-cpp's 0-based positions; they are converted to 1-based here.
class Diagnostics {
 public:
  void Error(const std::string& file, const YAML::Mark& mark, std::string message);
  void Warning(const std::string& file, const YAML::Mark& mark, std::string message);
  void Add(Severity severity, const std::string& file, const YAML::Mark& mark, std::string message);
  void Add(Diagnostic diagnostic);
  void Append(const Diagnostics& other);

  bool HasErrors() const { return error_count_ > 0; }
  std::size_t ErrorCount() const { return error_count_; }
  std::size_t WarningCount() const { return items_.size() - error_count_; }
  bool Empty() const { return items_.empty(); }

  // In insertion order.
  const std::vector<Diagnostic>& All() const { return items_; }
  // Stable-sorted by file, line, column.
  std::vector<Diagnostic> Sorted() const;
  // Sorted diagnostics, one per line, each terminated by '\n'.
  std::string Format() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t error_count_ = 0;
};

}  // namespace mensor::config

#include "mensor/config/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace mensor::config {

std::string FormatDiagnostic(const Diagnostic& diagnostic) {
  std::string out = diagnostic.file;
  if (diagnostic.line > 0) {
    out += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
  }
  out += diagnostic.severity == Severity::kError ? ": error: " : ": warning: ";
  out += diagnostic.message;
  return out;
}

void Diagnostics::Error(const std::string& file, const YAML::Mark& mark, std::string message) {
  Add(Severity::kError, file, mark, std::move(message));
}

void Diagnostics::Warning(const std::string& file, const YAML::Mark& mark, std::string message) {
  Add(Severity::kWarning, file, mark, std::move(message));
}

void Diagnostics::Add(Severity severity, const std::string& file, const YAML::Mark& mark,
                      std::string message) {
  Diagnostic diagnostic{severity, file, 0, 0, std::move(message)};
  if (!mark.is_null() && mark.line >= 0) {
    diagnostic.line = mark.line + 1;
    diagnostic.column = mark.column + 1;
  }
  Add(std::move(diagnostic));
}

void Diagnostics::Add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++error_count_;
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::Append(const Diagnostics& other) {
  for (const auto& item : other.items_) Add(item);
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return sorted;
}

std::string Diagnostics::Format() const {
  std::string out;
  for (const auto& diagnostic : Sorted()) out += FormatDiagnostic(diagnostic) + '\n';
  return out;
}

}  // namespace mensor::config

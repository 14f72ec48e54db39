#include "mensor/config/suggest.hpp"

#include <algorithm>
#include <numeric>

namespace mensor::config {
namespace {

char Fold(char c, bool ignore_case) { return ignore_case ? util::AsciiLower(c) : c; }

}  // namespace

std::size_t LevenshteinDistance(std::string_view a, std::string_view b, bool ignore_case) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = Fold(a[i - 1], ignore_case) == Fold(b[j - 1], ignore_case);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> SuggestKeys(std::string_view key, std::span<const std::string> candidates,
                                     bool ignore_case) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& candidate : candidates) {
    const std::size_t distance = LevenshteinDistance(key, candidate, ignore_case);
    if (distance < 3) scored.emplace_back(distance, candidate);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [distance, candidate] : scored) {
    if (std::find(out.begin(), out.end(), candidate) == out.end()) out.push_back(candidate);
  }
  return out;
}

std::string UnknownKeyMessage(std::string_view key, std::span<const std::string> candidates,
                              bool ignore_case) {
  std::string message = "unknown key '" + std::string(key) + "' is ignored";
  const auto suggestions = SuggestKeys(key, candidates, ignore_case);
  if (suggestions.empty()) return message;
  message += "; did you mean ";
  for (std::size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) message += i + 1 == suggestions.size() ? " or " : ", ";
    message += "'" + suggestions[i] + "'";
  }
  return message + "?";
}

}  // namespace mensor::config

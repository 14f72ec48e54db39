#include "mensor/azure/filter.hpp"

#include <optional>

#include "strings.hpp"

namespace mensor::azure {
namespace {

using internal::AsciiLower;
using internal::EqualsIgnoreCase;
using internal::IsAsciiSpace;
using internal::Trim;

// Splits `text` at top-level occurrences of the word `keyword` (and/or): outside single-quoted
// strings (where '' is an escaped quote) and outside parentheses, delimited by whitespace or a
// parenthesis on both sides.
std::vector<std::string_view> SplitTopLevel(std::string_view text, std::string_view keyword) {
  std::vector<std::string_view> parts;
  bool in_quote = false;
  int depth = 0;
  size_t part_begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quote) {
      if (c == '\'') {
        if (i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // escaped quote
        } else {
          in_quote = false;
        }
      }
      continue;
    }
    if (c == '\'') {
      in_quote = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0 && i > 0 && (IsAsciiSpace(text[i - 1]) || text[i - 1] == ')') &&
               i + keyword.size() < text.size() &&
               EqualsIgnoreCase(text.substr(i, keyword.size()), keyword)) {
      const char after = text[i + keyword.size()];
      if (IsAsciiSpace(after) || after == '(') {
        parts.push_back(text.substr(part_begin, i - part_begin));
        i += keyword.size() - 1;
        part_begin = i + 1;
      }
    }
  }
  parts.push_back(text.substr(part_begin));
  return parts;
}

// Removes one pair of parentheses enclosing the whole text, if they match each other.
std::string_view StripOuterParens(std::string_view text) {
  text = Trim(text);
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return text;
  int depth = 0;
  bool in_quote = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') in_quote = !in_quote;  // '' toggles twice: harmless here
    if (in_quote) continue;
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0 && i + 1 != text.size()) return text;  // "(a) and (b)"
  }
  return Trim(text.substr(1, text.size() - 2));
}

// The dimension of `name op 'value'`; nullopt if the term has another shape.
std::optional<std::string_view> TermDimension(std::string_view term) {
  term = StripOuterParens(term);
  size_t i = 0;
  while (i < term.size() && !IsAsciiSpace(term[i]) && term[i] != '\'' && term[i] != '(') ++i;
  const std::string_view name = term.substr(0, i);
  if (name.empty()) return std::nullopt;
  std::string_view rest = Trim(term.substr(i));
  size_t j = 0;
  while (j < rest.size() && AsciiLower(rest[j]) >= 'a' && AsciiLower(rest[j]) <= 'z') ++j;
  if (j == 0) return std::nullopt;  // no operator word
  rest = Trim(rest.substr(j));
  if (rest.size() < 2 || rest.front() != '\'' || rest.back() != '\'') return std::nullopt;
  // The quoted value must be one literal: every inner quote is doubled.
  const std::string_view inner = rest.substr(1, rest.size() - 2);
  for (size_t k = 0; k < inner.size(); ++k) {
    if (inner[k] != '\'') continue;
    if (k + 1 >= inner.size() || inner[k + 1] != '\'') return std::nullopt;
    ++k;
  }
  return name;
}

std::string ClauseDimension(std::string_view clause) {
  std::optional<std::string_view> common;
  for (std::string_view term : SplitTopLevel(StripOuterParens(clause), "or")) {
    const std::optional<std::string_view> dim = TermDimension(term);
    if (!dim) return {};
    if (common && !EqualsIgnoreCase(*common, *dim)) return {};  // `or` across dimensions
    common = dim;
  }
  return common ? std::string(*common) : std::string();
}

}  // namespace

std::string EqualsClause(std::string_view dimension, std::string_view value) {
  std::string out(Trim(dimension));
  out += " eq '";
  for (char c : value) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  out.push_back('\'');
  return out;
}

std::string WildcardClause(std::string_view dimension) { return EqualsClause(dimension, "*"); }

std::vector<FilterClause> ParseFilterClauses(std::string_view filter) {
  std::vector<FilterClause> clauses;
  for (std::string_view part : SplitTopLevel(filter, "and")) {
    part = Trim(part);
    if (part.empty()) continue;
    clauses.push_back(FilterClause{std::string(part), ClauseDimension(part)});
  }
  return clauses;
}

std::string BuildFilter(std::span<const std::string> dimensions, std::string_view resource_filter) {
  std::vector<FilterClause> clauses = ParseFilterClauses(resource_filter);
  std::vector<bool> used(clauses.size(), false);
  std::vector<std::string_view> seen_dimensions;
  std::string out;
  const auto append = [&out](std::string_view clause) {
    if (!out.empty()) out += " and ";
    out += clause;
  };
  for (const std::string& raw : dimensions) {
    const std::string_view dimension = Trim(raw);
    if (dimension.empty()) continue;
    bool duplicate = false;
    for (std::string_view s : seen_dimensions)
      duplicate = duplicate || EqualsIgnoreCase(s, dimension);
    if (duplicate) continue;
    seen_dimensions.push_back(dimension);
    bool replaced = false;
    for (size_t i = 0; i < clauses.size() && !replaced; ++i) {
      if (!used[i] && EqualsIgnoreCase(clauses[i].dimension, dimension)) {
        append(clauses[i].text);
        used[i] = true;
        replaced = true;
      }
    }
    if (!replaced) append(WildcardClause(dimension));
  }
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (!used[i]) append(clauses[i].text);
  }
  return out;
}

}  // namespace mensor::azure

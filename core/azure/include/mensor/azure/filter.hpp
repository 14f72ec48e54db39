#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::azure {

// `Dim eq 'value'` with single quotes in the value doubled, OData style (O'Brien -> 'O''Brien').
std::string EqualsClause(std::string_view dimension, std::string_view value);

// `Dim eq '*'`: one series per value of the dimension.
std::string WildcardClause(std::string_view dimension);

// One top-level `and` operand of a filter, kept verbatim.
struct FilterClause {
  std::string text;       // trimmed source text, e.g. "ApiName eq 'a' or ApiName eq 'b'"
  std::string dimension;  // the single dimension every term compares; empty if mixed/unparsed
};

// Splits a filter at top-level `and` (case-insensitive; not inside quotes or parentheses).
// Azure's grammar lets `or` join values of one dimension and binds it tighter than `and`
// (`A eq 'a' and B eq 'b1' or B eq 'b2'` means A and (B1 or B2)), so an `or` group stays
// one clause. Text the parser does not understand is kept as an opaque clause, never rewritten.
std::vector<FilterClause> ParseFilterClauses(std::string_view filter);

// The $filter for a scrape: `Dim eq '*'` per requested dimension (in order, duplicates dropped
// case-insensitively), AND-merged with the resource filter. A resource clause on a requested
// dimension replaces that dimension's wildcard; other clauses are appended in their order.
// Unlike Promitor (which splits on the literal " and " and mangles OR-filters and quoted
// values), clauses are found by ParseFilterClauses. Returns "" when there is nothing to filter.
std::string BuildFilter(std::span<const std::string> dimensions, std::string_view resource_filter);

}  // namespace mensor::azure

#include "filter_parser.hpp"

#include <cctype>
#include <optional>

#include "http_types.hpp"

namespace mensor::sim {

namespace {

enum class TokenKind { kIdentifier, kString, kOpen, kClose, kEnd };

struct Token {
  TokenKind kind;
  std::string text;
  size_t position;
};

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
         c == '/' || c == '%' || c == ':';
}

// 2018-01-01 clients double-encode brackets in names and values (%2528 → %28 after one decode).
std::string DecodeBrackets(std::string text) {
  for (const auto& [from, to] : {std::pair{"%28", "("}, std::pair{"%29", ")"}}) {
    for (size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos;) {
      text.replace(pos, 3, to);
    }
  }
  return text;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { Advance(); }

  MetricFilter Parse() {
    MetricFilter filter;
    if (current_.kind == TokenKind::kEnd) Fail("the filter is empty");
    while (true) {
      DimensionFilter group = ParseGroup();
      for (const auto& existing : filter.dimensions) {
        if (EqualsIgnoreCase(existing.dimension, group.dimension)) {
          Fail("dimension '" + group.dimension +
               "' appears in more than one 'and' clause; combine its values with 'or'");
        }
      }
      filter.dimensions.push_back(std::move(group));
      if (current_.kind == TokenKind::kEnd) break;
      if (!IsKeyword("and")) Fail("expected 'and' or end of filter");
      Advance();
    }
    return filter;
  }

 private:
  DimensionFilter ParseGroup() {
    if (current_.kind == TokenKind::kOpen) {
      Advance();
      DimensionFilter group = ParseChain();
      if (current_.kind != TokenKind::kClose) Fail("expected ')'");
      Advance();
      return group;
    }
    return ParseChain();
  }

  DimensionFilter ParseChain() {
    DimensionFilter group;
    const auto [dimension, value] = ParseComparison();
    group.dimension = dimension;
    AddValue(group, value);
    while (IsKeyword("or")) {
      const size_t or_position = current_.position;
      Advance();
      const auto [next_dimension, next_value] = ParseComparison();
      if (!EqualsIgnoreCase(next_dimension, group.dimension)) {
        Fail("'or' may only combine values of the same dimension, but joins '" + group.dimension +
                 "' and '" + next_dimension + "'",
             or_position);
      }
      AddValue(group, next_value);
    }
    return group;
  }

  static void AddValue(DimensionFilter& group, const std::string& value) {
    if (value == "*") {
      group.wildcard = true;
      group.values.clear();
    } else if (!group.wildcard) {
      group.values.push_back(value);
    }
  }

  std::pair<std::string, std::string> ParseComparison() {
    if (current_.kind != TokenKind::kIdentifier || IsKeyword("and") || IsKeyword("or")) {
      Fail("expected a dimension name");
    }
    std::string dimension = DecodeBrackets(current_.text);
    Advance();
    if (current_.kind != TokenKind::kIdentifier) Fail("expected 'eq' after '" + dimension + "'");
    if (!IsKeyword("eq")) {
      Fail("operator '" + current_.text + "' is not supported; use 'eq'");
    }
    Advance();
    if (current_.kind != TokenKind::kString) {
      Fail("expected a value in single quotes after '" + dimension + " eq'");
    }
    std::string value = DecodeBrackets(current_.text);
    Advance();
    return {std::move(dimension), std::move(value)};
  }

  bool IsKeyword(std::string_view keyword) const {
    return current_.kind == TokenKind::kIdentifier && EqualsIgnoreCase(current_.text, keyword);
  }

  void Advance() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    const size_t start = pos_;
    if (pos_ >= text_.size()) {
      current_ = {TokenKind::kEnd, "", start};
      return;
    }
    const char c = text_[pos_];
    if (c == '(' || c == ')') {
      ++pos_;
      current_ = {c == '(' ? TokenKind::kOpen : TokenKind::kClose, std::string(1, c), start};
    } else if (c == '\'') {
      std::string value;
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) Fail("unterminated quoted value", start);
        if (text_[pos_] == '\'') {
          // OData escapes a quote inside a value by doubling it.
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
            value.push_back('\'');
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        value.push_back(text_[pos_++]);
      }
      current_ = {TokenKind::kString, std::move(value), start};
    } else if (IsIdentifierChar(c)) {
      while (pos_ < text_.size() && IsIdentifierChar(text_[pos_])) ++pos_;
      current_ = {TokenKind::kIdentifier, std::string(text_.substr(start, pos_ - start)), start};
    } else {
      Fail(std::string("unexpected character '") + c + "'", start);
    }
  }

  [[noreturn]] void Fail(const std::string& why, std::optional<size_t> position = {}) const {
    throw FilterError("Invalid $filter '" + std::string(text_) + "': " + why + " at position " +
                      std::to_string(position.value_or(current_.position)) + ".");
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token current_{TokenKind::kEnd, "", 0};
};

}  // namespace

MetricFilter ParseFilter(std::string_view text) { return Parser(text).Parse(); }

}  // namespace mensor::sim

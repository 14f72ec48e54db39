#include "graph_query.hpp"

#include <array>
#include <cctype>

#include "http_types.hpp"

namespace mensor::sim {

namespace {

constexpr std::array<std::string_view, 6> kColumns = {
    "id", "name", "type", "location", "resourceGroup", "subscriptionId"};

enum class TokenKind { kIdentifier, kString, kPipe, kComma, kOperator, kOther, kEnd };

struct Token {
  TokenKind kind;
  std::string text;   // As written (a string literal with its quotes).
  std::string value;  // A string literal's content, unescaped.
  int line;
  int position;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token Next() {
    SkipSpace();
    Token token{TokenKind::kEnd, "<EOF>", "", line_, Column()};
    if (pos_ >= text_.size()) return token;
    const size_t start = pos_;
    const char c = text_[pos_];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
        ++pos_;
      }
      token.kind = TokenKind::kIdentifier;
    } else if (c == '\'' || c == '"') {
      token.kind = TokenKind::kString;
      ++pos_;
      bool closed = false;
      while (pos_ < text_.size() && text_[pos_] != '\n') {
        const char d = text_[pos_++];
        if (d == c) {
          closed = true;
          break;
        }
        if (d == '\\' && pos_ < text_.size()) {
          token.value += text_[pos_++];
        } else {
          token.value += d;
        }
      }
      if (!closed) token.kind = TokenKind::kOther;  // an unterminated literal
    } else if (c == '|' || c == ',') {
      token.kind = c == '|' ? TokenKind::kPipe : TokenKind::kComma;
      ++pos_;
    } else if ((c == '=' || c == '!') && pos_ + 1 < text_.size() &&
               (text_[pos_ + 1] == '=' || text_[pos_ + 1] == '~')) {
      token.kind = TokenKind::kOperator;
      pos_ += 2;
    } else {
      token.kind = TokenKind::kOther;
      ++pos_;
    }
    token.text = std::string(text_.substr(start, pos_ - start));
    return token;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      if (text_[pos_] == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      }
      ++pos_;
    }
  }
  int Column() const { return static_cast<int>(pos_ - line_start_); }

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) { Advance(); }

  GraphQuery Parse() {
    GraphQuery query;
    ExpectKeyword("Resources", "the query must start with the Resources table");
    Expect(TokenKind::kPipe, "expected '|' after Resources");
    ExpectKeyword("where", "the simulator evaluates only 'where type =~ ...' here");
    if (current_.kind != TokenKind::kIdentifier || current_.text != "type") {
      Fail("the simulator filters only on the 'type' column");
    }
    Advance();
    if (current_.kind != TokenKind::kOperator || (current_.text != "=~" && current_.text != "==")) {
      Fail("the simulator compares 'type' only with '=~' or '=='");
    }
    query.exact = current_.text == "==";
    Advance();
    if (current_.kind != TokenKind::kString) Fail("expected a string literal");
    query.type = current_.value;
    Advance();
    Expect(TokenKind::kPipe, "expected '|' after the where clause");
    ExpectKeyword("project", "the simulator evaluates only 'project' after 'where'");
    while (true) {
      if (current_.kind != TokenKind::kIdentifier) Fail("expected a column name");
      bool known = false;
      for (const auto column : kColumns) known = known || current_.text == column;
      if (!known)
        Fail(
            "the simulator projects only id, name, type, location, resourceGroup, "
            "subscriptionId");
      for (const auto& column : query.columns) {
        if (column == current_.text) Fail("column '" + column + "' is projected twice");
      }
      query.columns.push_back(current_.text);
      Advance();
      if (current_.kind != TokenKind::kComma) break;
      Advance();
    }
    if (current_.kind != TokenKind::kEnd) Fail("expected ',' or the end of the query");
    return query;
  }

 private:
  void Advance() { current_ = lexer_.Next(); }
  [[noreturn]] void Fail(const std::string& why) const {
    throw GraphQueryError(why, current_.line, current_.position, current_.text);
  }
  void Expect(TokenKind kind, const std::string& why) {
    if (current_.kind != kind) Fail(why);
    Advance();
  }
  void ExpectKeyword(std::string_view keyword, const std::string& why) {
    if (current_.kind != TokenKind::kIdentifier || !EqualsIgnoreCase(current_.text, keyword)) {
      Fail(why);
    }
    Advance();
  }

  Lexer lexer_;
  Token current_;
};

}  // namespace

GraphQuery ParseGraphQuery(std::string_view text) { return Parser(text).Parse(); }

}  // namespace mensor::sim

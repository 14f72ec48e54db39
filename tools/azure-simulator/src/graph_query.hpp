// The subset of the Resource Graph query language (KQL) the simulator evaluates:
//   Resources | where type =~ '<type>' | project <column> (, <column>)*
// `=~` compares case-insensitively, `==` exactly (Resource Graph stores types lower-cased, so
// `==` with a mixed-case type finds nothing, as on Azure). `Resources`, `where` and `project`
// are accepted in any case; columns are id, name, type, location, resourceGroup, subscriptionId.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::sim {

struct GraphQuery {
  std::string type;                  // The literal, unescaped.
  bool exact = false;                // `==` rather than `=~`.
  std::vector<std::string> columns;  // In projection order.
};

// Where the query left the subset: Azure's ParserFailure detail (line 1-based, character
// position 0-based within the line, the offending token or "<EOF>").
class GraphQueryError : public std::invalid_argument {
 public:
  GraphQueryError(const std::string& message, int line, int position, std::string token)
      : std::invalid_argument(message),
        line_(line),
        position_(position),
        token_(std::move(token)) {}
  int line() const { return line_; }
  int position() const { return position_; }
  const std::string& token() const { return token_; }

 private:
  int line_;
  int position_;
  std::string token_;
};

// Throws GraphQueryError.
GraphQuery ParseGraphQuery(std::string_view text);

}  // namespace mensor::sim

#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mensor::azure {

// Why a parse failed. Bodies come from the network, so failures are values, not exceptions.
struct ParseError {
  std::string message;
};

// A minimal expected-like type (std::expected is C++23). A Result holds either a value or a
// ParseError; accessing the wrong alternative is a programming error (std::bad_variant_access).
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  Result(ParseError error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const std::string& error() const { return std::get<ParseError>(state_).message; }

 private:
  std::variant<T, ParseError> state_;
};

}  // namespace mensor::azure

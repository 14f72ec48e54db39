#include "json_text.hpp"

#include "number_text.hpp"  // sink-common: the one JSON string escaper

#include <charconv>
#include <cmath>

namespace mensor::sim {

JsonText& JsonText::Open(char bracket) {
  BeforeValue();
  out_ += bracket;
  empty_.push_back(true);
  return *this;
}

JsonText& JsonText::Close(char bracket) {
  out_ += bracket;
  empty_.pop_back();
  return *this;
}

void JsonText::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
}

JsonText& JsonText::Key(std::string_view name) {
  BeforeValue();
  sinks::AppendJsonString(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonText& JsonText::String(std::string_view text) {
  BeforeValue();
  sinks::AppendJsonString(out_, text);
  return *this;
}

JsonText& JsonText::Raw(std::string_view json_text) {
  BeforeValue();
  out_ += json_text;
  return *this;
}

JsonText& JsonText::Number(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_ += "null";
    return *this;
  }
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof(buffer), value).ptr;
  const std::string_view text(buffer, static_cast<size_t>(end - buffer));
  out_ += text;
  if (text.find_first_of(".e") == std::string_view::npos) out_ += ".0";
  return *this;
}

JsonText& JsonText::Integer(long long value) {
  BeforeValue();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof(buffer), value).ptr;
  out_.append(buffer, end);
  return *this;
}

}  // namespace mensor::sim

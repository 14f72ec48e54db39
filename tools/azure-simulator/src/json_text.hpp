// Writes JSON text straight into a string. The metrics answers are the simulator's bulk output:
// building an nlohmann tree for each only to dump and free it was most of the simulator's CPU,
// which shares the cores with the agent in the scale benchmarks. Keys come out in the order
// written, so answers follow Azure's documented key order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mensor::sim {

class JsonText {
 public:
  explicit JsonText(std::string& out) : out_(out) {}

  JsonText& BeginObject() { return Open('{'); }
  JsonText& EndObject() { return Close('}'); }
  JsonText& BeginArray() { return Open('['); }
  JsonText& EndArray() { return Close(']'); }
  /// The next value's name; only inside an object.
  JsonText& Key(std::string_view name);
  JsonText& String(std::string_view text);
  /// Integral doubles keep a fraction ("7.0", as ARM writes them); NaN and infinities, which
  /// JSON cannot carry, become null.
  JsonText& Number(double value);
  JsonText& Integer(long long value);
  /// A value that is already JSON text.
  JsonText& Raw(std::string_view json_text);
  /// `"name": value` in one call, for the common case.
  JsonText& Field(std::string_view name, std::string_view text) { return Key(name).String(text); }

 private:
  JsonText& Open(char bracket);
  JsonText& Close(char bracket);
  void BeforeValue();

  std::string& out_;
  std::vector<bool> empty_;  // per open container: nothing written into it yet
  bool after_key_ = false;
};

}  // namespace mensor::sim

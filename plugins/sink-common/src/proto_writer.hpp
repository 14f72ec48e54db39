// Protocol buffers wire encoding, hand-written for the few messages the push sinks send
// (OTLP metrics, Prometheus remote write). Checked against real decoders in the e2e tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mensor::sinks {

/// Appends fields to a byte string. Nested messages are written into their own ProtoWriter and
/// added with Message(). Not thread-safe.
class ProtoWriter {
 public:
  void Varint(uint32_t field, uint64_t value) {
    Key(field, 0);
    RawVarint(value);
  }
  void Double(uint32_t field, double value) {
    Key(field, 1);
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof(bits));
    Fixed64(bits);
  }
  void Fixed64Field(uint32_t field, uint64_t value) {
    Key(field, 1);
    Fixed64(value);
  }
  void Bytes(uint32_t field, std::string_view bytes) {
    Key(field, 2);
    RawVarint(bytes.size());
    out_.append(bytes);
  }
  void String(uint32_t field, std::string_view text) { Bytes(field, text); }
  void Message(uint32_t field, const ProtoWriter& message) { Bytes(field, message.out_); }

  const std::string& bytes() const { return out_; }
  std::string Take() { return std::move(out_); }
  void Clear() { out_.clear(); }

 private:
  void Key(uint32_t field, uint32_t wire_type) { RawVarint((uint64_t{field} << 3) | wire_type); }
  void RawVarint(uint64_t value) {
    while (value >= 0x80) {
      out_ += static_cast<char>((value & 0x7F) | 0x80);
      value >>= 7;
    }
    out_ += static_cast<char>(value);
  }
  void Fixed64(uint64_t value) {
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>((value >> (8 * i)) & 0xFF);
  }

  std::string out_;
};

}  // namespace mensor::sinks

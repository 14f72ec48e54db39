#include "gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace mensor::prometheus {
namespace {

constexpr size_t kMaxStep = std::numeric_limits<uInt>::max();  // zlib counts in uInt

// Owns the z_stream so every exit ends it.
class Deflater {
 public:
  Deflater() {
    // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of a zlib wrapper.
    if (deflateInit2(&stream_, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("zlib: deflateInit2 failed");
    }
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // Starts with about the size exposition text compresses to and doubles when that runs out, so
  // the output never holds a bound on the whole input.
  void Reserve(size_t input_bytes) { out_.resize(std::max<size_t>(input_bytes / 8, 4096)); }

  void Feed(std::string_view data) {
    while (!data.empty()) {
      const size_t step = std::min(data.size(), kMaxStep);
      stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      stream_.avail_in = static_cast<uInt>(step);
      while (stream_.avail_in > 0) Deflate(Z_NO_FLUSH);
      data.remove_prefix(step);
    }
  }

  std::string Finish() {
    stream_.next_in = nullptr;
    stream_.avail_in = 0;
    while (Deflate(Z_FINISH) != Z_STREAM_END) {
    }
    out_.resize(stream_.total_out);
    out_.shrink_to_fit();
    return std::move(out_);
  }

 private:
  int Deflate(int flush) {
    const size_t written = stream_.total_out;
    if (written == out_.size()) out_.resize(out_.size() * 2);
    stream_.next_out = reinterpret_cast<Bytef*>(out_.data() + written);
    stream_.avail_out = static_cast<uInt>(std::min(out_.size() - written, kMaxStep));
    const int status = deflate(&stream_, flush);
    // Z_BUF_ERROR only says no progress was possible this time; the next call has more room.
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
      throw std::runtime_error("zlib: deflate failed");
    }
    return status;
  }

  z_stream stream_{};
  std::string out_;
};

}  // namespace

std::string Gzip(std::span<const std::string_view> segments) {
  size_t bytes = 0;
  for (std::string_view segment : segments) bytes += segment.size();
  Deflater deflater;
  deflater.Reserve(bytes);
  for (std::string_view segment : segments) deflater.Feed(segment);
  return deflater.Finish();
}

}  // namespace mensor::prometheus

// The WriteRequest encoding byte for byte, snappy round trips and series naming.
#include <gtest/gtest.h>
#include <snappy-c.h>

#include <cmath>

#include "write_request.hpp"

namespace mensor::remote_write {
namespace {

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

TEST(WriteRequest, EncodesOneSeriesByteForByte) {
  Series s;
  s.labels = {{"__name__", "up"}, {"a", "b"}};
  s.value = 1;
  s.timestamp_ms = 1000;
  // timeseries(1) { labels(1) {1:"__name__" 2:"up"} labels(1) {1:"a" 2:"b"}
  //                 samples(2) {value(1) double 1.0, timestamp(2) varint 1000} }
  const std::string expected =
      "0a26"  // field 1, length 38
      "0a0e"
      "0a085f5f6e616d655f5f"
      "12027570"  // label __name__=up
      "0a06"
      "0a0161"
      "120162"  // label a=b
      "120c"
      "09000000000000f03f"
      "10e807";  // sample 1.0 @ 1000
  EXPECT_EQ(Hex(EncodeWriteRequest({s}, {})), expected);
}

TEST(WriteRequest, EncodesMetadata) {
  EXPECT_EQ(Hex(EncodeWriteRequest({}, {Family{"up", false, "h"}})),
            "1a09"
            "0802"
            "12027570"
            "220168");  // type GAUGE, family "up", help "h"
  EXPECT_EQ(Hex(EncodeWriteRequest({}, {Family{"c_total", true, ""}})),
            "1a0b"
            "0801"
            "1207635f746f74616c");
}

TEST(WriteRequest, SnappyRoundTrip) {
  std::string raw;
  for (int i = 0; i < 1000; ++i) raw += "series-" + std::to_string(i % 17);
  const std::string compressed = SnappyCompress(raw);
  ASSERT_FALSE(compressed.empty());
  EXPECT_LT(compressed.size(), raw.size());
  size_t length = 0;
  ASSERT_EQ(snappy_uncompressed_length(compressed.data(), compressed.size(), &length), SNAPPY_OK);
  std::string back(length, '\0');
  ASSERT_EQ(snappy_uncompress(compressed.data(), compressed.size(), back.data(), &length),
            SNAPPY_OK);
  EXPECT_EQ(back, raw);
}

TEST(WriteRequest, SeriesLabelsAreNormalisedSortedAndUnique) {
  Series s;
  ASSERT_TRUE(MakeSeries("demo queue",
                         {{"EntityName", "orders"},
                          {"entityname", "dup"},
                          {"resource/group", "rg"},
                          {"empty", ""},
                          {"__name__", "x"},
                          {"1st", "v"}},
                         0.5, 7, s));
  EXPECT_EQ(s.labels, (std::vector<std::pair<std::string, std::string>>{{"_1st", "v"},
                                                                        {"__name__", "demo_queue"},
                                                                        {"entityname", "orders"},
                                                                        {"label__name__", "x"},
                                                                        {"resource_group", "rg"}}));
  EXPECT_EQ(s.value, 0.5);
  EXPECT_EQ(s.timestamp_ms, 7);
  EXPECT_FALSE(MakeSeries("", {}, 1, 1, s));
}

TEST(WriteRequest, NaNIsEncodedAsItsBits) {
  Series s;
  ASSERT_TRUE(MakeSeries("m", {}, std::nan(""), 1, s));
  const std::string bytes = EncodeWriteRequest({s}, {});
  EXPECT_NE(Hex(bytes).find("09000000000000f87f"), std::string::npos);
}

}  // namespace
}  // namespace mensor::remote_write

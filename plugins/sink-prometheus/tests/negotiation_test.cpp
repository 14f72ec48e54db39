#include "negotiation.hpp"

#include <gtest/gtest.h>
#include <mensor/abi.h>

#include "gzip.hpp"
#include "openmetrics.hpp"
#include "sample_builder.hpp"

#include <zlib.h>

namespace mensor::prometheus {
namespace {

using testing::Gauge;
using testing::Snapshot;
using testing::Text;

std::string Gunzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

TEST(Negotiation, PrometheusDefaultAcceptPicksOpenMetrics) {
  // What Prometheus 2.x sends by default.
  EXPECT_EQ(ChooseFormat("application/openmetrics-text;version=1.0.0,application/"
                         "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
                         "*/*;q=0.1"),
            Format::kOpenMetrics);
  EXPECT_EQ(ChooseFormat("text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5"),
            Format::kText);
  EXPECT_EQ(ChooseFormat(std::nullopt), Format::kText);
  EXPECT_EQ(ChooseFormat("*/*"), Format::kText);
  EXPECT_EQ(ChooseFormat("application/openmetrics-text;q=0"), Format::kText);
}

TEST(Negotiation, GzipOnlyWhenAccepted) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, gzip;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip(std::nullopt));
}

TEST(Negotiation, GzipBodyIsCachedAndDecompressesToThePlainBody) {
  SeriesStore store;
  store.Replace("s", Snapshot({Gauge("m", 1, {{"q", "a"}}), Gauge("m", 2, {{"q", "b"}})}));
  const auto plain = store.Body(Format::kText);
  const auto gzip = store.GzipBody(Format::kText);
  EXPECT_EQ(store.GzipBody(Format::kText).get(), gzip.get()) << "compressed once per change";
  EXPECT_EQ(Gunzip(*gzip), Text(*plain));
  store.Replace("s", Snapshot({Gauge("m", 3, {{"q", "a"}})}));
  EXPECT_NE(store.GzipBody(Format::kText).get(), gzip.get());
  EXPECT_EQ(Gunzip(*store.GzipBody(Format::kText)), Text(*store.Body(Format::kText)));
}

TEST(Negotiation, OpenMetricsNamesCountersAndConvertsTimestampsToSeconds) {
  RenderOptions options;
  options.timestamps = true;
  SampleInput counter = Gauge("calls_total", 3, {{"kind", "batch"}}, "Calls \"made\"");
  counter.kind = MENSOR_METRIC_COUNTER;
  SampleInput bare = Gauge("retries", 4, {}, "");
  bare.kind = MENSOR_METRIC_COUNTER;
  SeriesStore store;
  store.Replace("s", Snapshot({counter, bare, Gauge("up", 1)}, options));
  EXPECT_EQ(Text(*store.Body(Format::kOpenMetrics)),
            "# HELP calls Calls \\\"made\\\"\n# TYPE calls counter\n"
            "calls_total{kind=\"batch\"} 3 1629719527.020\n"
            "# TYPE retries counter\nretries_total 4 1629719527.020\n"
            "# HELP up Demo metric\n# TYPE up gauge\nup 1 1629719527.020\n# EOF\n");
}

TEST(Negotiation, OpenMetricsLineKeepsSpacesInsideLabelValues) {
  std::string out;
  AppendOpenMetricsLine(out, "m{a=\"x y 1\"} 2 5\n", 1, false);
  EXPECT_EQ(out, "m{a=\"x y 1\"} 2 0.005\n");
}

}  // namespace
}  // namespace mensor::prometheus

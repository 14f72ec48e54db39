// BodySnapshot: which chunks a scrape body views in place and which it renders into its own
// buffer, and that a body held by a scrape survives later writes.
#include "body_snapshot.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <initializer_list>
#include <random>

#include "gzip.hpp"
#include "sample_builder.hpp"
#include "series_store.hpp"

namespace mensor::prometheus {
namespace {

using testing::Gauge;
using testing::Snapshot;
using testing::Text;

struct Line {
  std::string text;
  uint64_t identity;
};

Chunk MakeChunk(std::initializer_list<Line> lines, bool timestamps = false) {
  std::string text;
  Chunk chunk;
  for (const Line& line : lines) {
    text += line.text;
    chunk.identities.push_back(line.identity);
    chunk.ends.push_back(static_cast<uint32_t>(text.size()));
  }
  chunk.text = std::make_shared<const std::string>(std::move(text));
  chunk.timestamps = timestamps;
  return chunk;
}

const FamilyMeta kGauge{"Help", "gauge"};
const FamilyMeta kCounter{"", "counter"};

std::string Gunzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  int status = Z_OK;
  while (status == Z_OK) {
    char buffer[16384];
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  EXPECT_EQ(status, Z_STREAM_END);
  inflateEnd(&stream);
  return out;
}

TEST(BodySnapshot, ChunkOfASingleScopeFamilyIsServedAsStored) {
  const Chunk chunk = MakeChunk({{"m{q=\"a\"} 1\n", 1}, {"m{q=\"b\"} 2\n", 2}});
  BodyBuilder builder(Format::kText);
  builder.BeginFamily("m", kGauge, 1);
  builder.AddChunk(chunk);
  const auto body = builder.Finish();
  ASSERT_EQ(body->segments().size(), 2u);
  EXPECT_EQ(body->segments()[0], "# HELP m Help\n# TYPE m gauge\n");
  EXPECT_EQ(body->segments()[1].data(), chunk.text->data()) << "a view, not a copy";
  EXPECT_EQ(body->segments()[1].size(), chunk.text->size());
  EXPECT_EQ(body->generated_bytes(), body->segments()[0].size());
  EXPECT_EQ(body->size(), Text(*body).size());
}

// Scopes a, b, c of family m: c repeats a series of a, so only c is rendered (without it).
TEST(BodySnapshot, OnlyChunksRepeatingAnEarlierScopeAreCopied) {
  const Chunk a = MakeChunk({{"m{q=\"1\"} 1\n", 1}, {"m{q=\"2\"} 1\n", 2}});
  const Chunk b = MakeChunk({{"m{q=\"4\"} 2\n", 4}});
  const Chunk c = MakeChunk({{"m{q=\"0\"} 3\n", 0}, {"m{q=\"2\"} 3\n", 2}, {"m{q=\"3\"} 3\n", 3}});
  const Chunk n = MakeChunk({{"n 5\n", 9}});
  BodyBuilder builder(Format::kText);
  builder.BeginFamily("m", kGauge, 3);
  builder.AddChunk(a);
  builder.AddChunk(b);
  builder.AddChunk(c);
  builder.BeginFamily("n", kCounter, 1);
  builder.AddChunk(n);
  EXPECT_EQ(builder.cross_scope_duplicates(), 1u);
  const auto body = builder.Finish();
  ASSERT_EQ(body->segments().size(), 5u);
  EXPECT_EQ(body->segments()[1].data(), a.text->data());
  EXPECT_EQ(body->segments()[2].data(), b.text->data());
  EXPECT_EQ(body->segments()[3], "m{q=\"0\"} 3\nm{q=\"3\"} 3\n# TYPE n counter\n")
      << "the copied lines and the next family's header are one segment";
  EXPECT_EQ(body->segments()[4].data(), n.text->data());
  EXPECT_EQ(Text(*body),
            "# HELP m Help\n# TYPE m gauge\nm{q=\"1\"} 1\nm{q=\"2\"} 1\nm{q=\"4\"} 2\n"
            "m{q=\"0\"} 3\nm{q=\"3\"} 3\n# TYPE n counter\nn 5\n");
}

TEST(BodySnapshot, OpenMetricsServesUnchangedLinesAsStoredAndRewritesTheRest) {
  const Chunk gauge = MakeChunk({{"g 1\n", 1}});
  const Chunk stamped = MakeChunk({{"s 1 1700000000123\n", 1}}, /*timestamps=*/true);
  const Chunk bare_counter = MakeChunk({{"c 4\n", 1}});
  const Chunk total_counter = MakeChunk({{"t_total 5\n", 1}});
  BodyBuilder builder(Format::kOpenMetrics);
  builder.BeginFamily("c", kCounter, 1);
  builder.AddChunk(bare_counter);
  builder.BeginFamily("g", kGauge, 1);
  builder.AddChunk(gauge);
  builder.BeginFamily("s", kGauge, 1);
  builder.AddChunk(stamped);
  builder.BeginFamily("t_total", kCounter, 1);
  builder.AddChunk(total_counter);
  const auto body = builder.Finish();
  EXPECT_EQ(Text(*body),
            "# TYPE c counter\nc_total 4\n"
            "# HELP g Help\n# TYPE g gauge\ng 1\n"
            "# HELP s Help\n# TYPE s gauge\ns 1 1700000000.123\n"
            "# TYPE t counter\nt_total 5\n# EOF\n");
  ASSERT_EQ(body->segments().size(), 5u);
  EXPECT_EQ(body->segments()[0], "# TYPE c counter\nc_total 4\n# HELP g Help\n# TYPE g gauge\n");
  EXPECT_EQ(body->segments()[1].data(), gauge.text->data());
  EXPECT_EQ(body->segments()[3].data(), total_counter.text->data());
  EXPECT_EQ(body->segments()[4], "# EOF\n");
}

TEST(BodySnapshot, EmptyBodies) {
  EXPECT_TRUE(BodyBuilder(Format::kText).Finish()->segments().empty());
  EXPECT_EQ(Text(*BodyBuilder(Format::kOpenMetrics).Finish()), "# EOF\n");
}

// A scrape still writing a body must see the bytes it started with, whatever is written since.
TEST(BodySnapshot, HeldBodyStaysValidAfterItsScopesAreReplaced) {
  SeriesStore store;
  store.Replace("a", Snapshot({Gauge("m", 1, {{"q", "a"}}), Gauge("n", 1)}));
  store.Replace("b", Snapshot({Gauge("m", 2, {{"q", "b"}})}));
  const auto held = store.Body();
  const std::string before = Text(*held);
  const std::vector<std::string_view> views(held->segments().begin(), held->segments().end());

  store.Replace("a", Snapshot({Gauge("m", 7, {{"q", "a"}}), Gauge("n", 7)}));  // same families
  store.Replace("b", Snapshot({Gauge("o", 8)}));                               // moves family
  store.Replace("a", Snapshot({}));                                            // removed
  EXPECT_EQ(Text(*store.Body()), "# HELP o Demo metric\n# TYPE o gauge\no 8\n");

  EXPECT_EQ(Text(*held), before);
  ASSERT_EQ(held->segments().size(), views.size());
  for (size_t i = 0; i < views.size(); ++i) {
    EXPECT_EQ(held->segments()[i].data(), views[i].data());
  }
}

TEST(BodySnapshot, ScrapesShareOneSnapshotUntilAChange) {
  SeriesStore store;
  store.Replace("s", Snapshot({Gauge("m", 1)}));
  const auto text = store.Body(Format::kText);
  const auto open_metrics = store.Body(Format::kOpenMetrics);
  EXPECT_NE(text.get(), open_metrics.get());
  store.Replace("s", Snapshot({Gauge("m", 1)}));  // nothing changes
  EXPECT_EQ(store.Body(Format::kText).get(), text.get());
  EXPECT_EQ(store.Body(Format::kOpenMetrics).get(), open_metrics.get());
  store.Replace("s", Snapshot({Gauge("m", 2)}));
  EXPECT_NE(store.Body(Format::kOpenMetrics).get(), open_metrics.get());
}

// Enough scopes and poorly compressible lines that the body has many segments and the gzip
// output outgrows its first guess.
TEST(BodySnapshot, GzipOfTheSegmentsIsTheTextBody) {
  std::mt19937_64 random(7);
  SeriesStore store;
  for (int scope = 0; scope < 60; ++scope) {
    ScopeSnapshot snapshot({});
    for (int i = 0; i < 40; ++i) {
      const std::string value = std::to_string(random());
      snapshot.Add(Gauge(scope % 3 == 0 ? "m" : "n", static_cast<double>(random() % 1000),
                         {{"q", value}, {"r", std::to_string(i % 7)}}));
    }
    snapshot.Add(Gauge("m", 1, {{"q", "shared"}}));  // repeated by every scope of family m
    snapshot.Finish();
    store.Replace("scope" + std::to_string(scope), std::move(snapshot));
  }
  const auto body = store.Body();
  EXPECT_GT(body->segments().size(), 40u);
  EXPECT_GT(store.cross_scope_duplicates(), 0u);
  EXPECT_EQ(Gunzip(*store.GzipBody()), Text(*body));
  EXPECT_EQ(Gunzip(Gzip(body->segments())), Text(*body));
  EXPECT_EQ(Gunzip(Gzip(std::string_view())), "");
}

}  // namespace
}  // namespace mensor::prometheus

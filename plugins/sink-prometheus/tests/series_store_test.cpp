#include "series_store.hpp"

#include <gtest/gtest.h>
#include <mensor/abi.h>

#include <thread>

#include "sample_builder.hpp"

namespace mensor::prometheus {
namespace {

using testing::Gauge;
using testing::Snapshot;
using testing::Text;
using testing::Unavailable;

std::string Render(std::initializer_list<SampleInput> samples, const RenderOptions& options = {}) {
  SeriesStore store;
  store.Replace("scope", Snapshot(samples, options));
  return Text(*store.Body());
}

TEST(SeriesStore, EmptyBodyInitially) {
  SeriesStore store;
  EXPECT_EQ(Text(*store.Body()), "");
}

TEST(SeriesStore, HelpTypeAndSample) {
  EXPECT_EQ(Render({Gauge("azure_service_bus_active_messages", 12,
                          {{"resource_group", "rg"}, {"EntityName", "orders"}},
                          "Active messages\nper queue \\ entity")}),
            "# HELP azure_service_bus_active_messages Active messages\\nper queue \\\\ entity\n"
            "# TYPE azure_service_bus_active_messages gauge\n"
            "azure_service_bus_active_messages{resource_group=\"rg\",entityname=\"orders\"} 12\n");
}

TEST(SeriesStore, CounterKindAndMissingHelp) {
  SampleInput sample = Gauge("requests_total", 3, {}, "");
  sample.kind = MENSOR_METRIC_COUNTER;
  EXPECT_EQ(Render({sample}), "# TYPE requests_total counter\nrequests_total 3\n");
}

TEST(SeriesStore, UnavailableValueDefaultsToNaN) {
  EXPECT_EQ(Render({Unavailable("m")}), "# HELP m Demo metric\n# TYPE m gauge\nm NaN\n");
}

TEST(SeriesStore, UnavailableValueConfigurable) {
  RenderOptions options;
  options.unavailable_value = -1;
  EXPECT_EQ(Render({Unavailable("m")}, options), "# HELP m Demo metric\n# TYPE m gauge\nm -1\n");
}

TEST(SeriesStore, TimestampsInMillisecondsWhenEnabled) {
  RenderOptions options;
  options.timestamps = true;
  EXPECT_EQ(Render({Gauge("m", 1.5)}, options),
            "# HELP m Demo metric\n# TYPE m gauge\nm 1.5 1629719527020\n");
  EXPECT_EQ(Render({Gauge("m", 1.5)}), "# HELP m Demo metric\n# TYPE m gauge\nm 1.5\n");
}

TEST(SeriesStore, LowercaseTransformationAppliesToValuesOnly) {
  RenderOptions options;
  options.lowercase_label_values = true;
  EXPECT_EQ(Render({Gauge("m", 1, {{"Entity", "Orders"}})}, options),
            "# HELP m Demo metric\n# TYPE m gauge\nm{entity=\"orders\"} 1\n");
}

TEST(SeriesStore, DuplicateLabelNamesAfterNormalisationKeepFirst) {
  EXPECT_EQ(
      Render({Gauge("m", 1, {{"EntityName", "a"}, {"entityname", "b"}, {"Entity/Name", "c"}})}),
      "# HELP m Demo metric\n# TYPE m gauge\nm{entityname=\"a\",entity_name=\"c\"} 1\n");
}

TEST(SeriesStore, LabelNamesSharingAPrefixAreNotDuplicates) {
  EXPECT_EQ(
      Render({Gauge("m", 1, {{"entity", "a"}, {"entity_name", "b"}, {"entit", "c"}})}),
      "# HELP m Demo metric\n# TYPE m gauge\nm{entity=\"a\",entity_name=\"b\",entit=\"c\"} 1\n");
}

TEST(SeriesStore, DuplicateSeriesInOneBatchKeepFirst) {
  ScopeSnapshot snapshot({});
  snapshot.Add(Gauge("m", 1, {{"a", "x"}}));
  snapshot.Add(Gauge("m", 2, {{"A", "x"}}));
  EXPECT_EQ(snapshot.Finish(), 1u);
  ASSERT_EQ(snapshot.series().size(), 1u);
  EXPECT_EQ(snapshot.series()[0].line, "m{a=\"x\"} 1\n");
}

TEST(SeriesStore, MixedLabelSetsInOneFamily) {
  EXPECT_EQ(Render({Gauge("m", 1, {{"pipeline", "p"}}), Gauge("m", 2)}),
            "# HELP m Demo metric\n# TYPE m gauge\nm 2\nm{pipeline=\"p\"} 1\n");
}

TEST(SeriesStore, StableOrderAcrossScopesAndFamilies) {
  SeriesStore a;
  a.Replace("r2", Snapshot({Gauge("zeta", 1, {{"q", "b"}}), Gauge("alpha", 1, {{"q", "z"}})}));
  a.Replace("r1", Snapshot({Gauge("zeta", 2, {{"q", "a"}}), Gauge("alpha", 2, {{"q", "y"}})}));
  SeriesStore b;
  b.Replace("r1", Snapshot({Gauge("alpha", 2, {{"q", "y"}}), Gauge("zeta", 2, {{"q", "a"}})}));
  b.Replace("r2", Snapshot({Gauge("alpha", 1, {{"q", "z"}}), Gauge("zeta", 1, {{"q", "b"}})}));
  EXPECT_EQ(Text(*a.Body()), Text(*b.Body()));
  EXPECT_EQ(Text(*a.Body()),
            "# HELP alpha Demo metric\n# TYPE alpha gauge\n"
            "alpha{q=\"y\"} 2\nalpha{q=\"z\"} 1\n"
            "# HELP zeta Demo metric\n# TYPE zeta gauge\n"
            "zeta{q=\"a\"} 2\nzeta{q=\"b\"} 1\n");
}

TEST(SeriesStore, ScopeReplacementDropsVanishedSeries) {
  SeriesStore store;
  store.Replace("sb",
                Snapshot({Gauge("m", 1, {{"entity", "a"}}), Gauge("m", 2, {{"entity", "b"}})}));
  store.Replace("other", Snapshot({Gauge("n", 5)}));
  store.Replace("sb", Snapshot({Gauge("m", 3, {{"entity", "b"}})}));
  EXPECT_EQ(Text(*store.Body()),
            "# HELP m Demo metric\n# TYPE m gauge\nm{entity=\"b\"} 3\n"
            "# HELP n Demo metric\n# TYPE n gauge\nn 5\n");
  store.Replace("sb", Snapshot({}));
  EXPECT_EQ(Text(*store.Body()), "# HELP n Demo metric\n# TYPE n gauge\nn 5\n");
}

// A scope's families change between writes (a metric gains or loses a family, a scope is
// emptied and written again): families left empty disappear, shared ones keep other scopes.
TEST(SeriesStore, ScopesMoveBetweenFamilies) {
  SeriesStore store;
  store.Replace("a", Snapshot({Gauge("m", 1), Gauge("n", 2)}));
  store.Replace("b", Snapshot({Gauge("n", 3, {{"q", "b"}})}));
  store.Replace("a", Snapshot({Gauge("o", 4)}));
  EXPECT_EQ(Text(*store.Body()),
            "# HELP n Demo metric\n# TYPE n gauge\nn{q=\"b\"} 3\n"
            "# HELP o Demo metric\n# TYPE o gauge\no 4\n");
  store.Replace("b", Snapshot({}));
  store.Replace("a", Snapshot({}));
  EXPECT_EQ(Text(*store.Body()), "");
  store.Replace("a", Snapshot({Gauge("n", 5), Gauge("m", 6)}));
  store.Replace("b", Snapshot({Gauge("n", 7, {{"q", "b"}})}));
  store.Replace("a", Snapshot({Gauge("n", 8), Gauge("m", 6)}));  // same families, one new value
  EXPECT_EQ(Text(*store.Body()),
            "# HELP m Demo metric\n# TYPE m gauge\nm 6\n"
            "# HELP n Demo metric\n# TYPE n gauge\nn 8\nn{q=\"b\"} 7\n");
}

TEST(SeriesStore, CrossScopeDuplicatesKeepFirstScope) {
  SeriesStore store;
  store.Replace("b", Snapshot({Gauge("m", 2)}));
  store.Replace("a", Snapshot({Gauge("m", 1)}));
  EXPECT_EQ(Text(*store.Body()), "# HELP m Demo metric\n# TYPE m gauge\nm 1\n");
  EXPECT_EQ(store.cross_scope_duplicates(), 1u);
}

TEST(SeriesStore, BodyIsSharedUntilAChange) {
  SeriesStore store;
  store.Replace("s", Snapshot({Gauge("m", 1)}));
  auto first = store.Body();
  EXPECT_EQ(store.Body().get(), first.get());
  store.Replace("s", Snapshot({Gauge("m", 1)}));  // same content: no re-render
  EXPECT_EQ(store.Body().get(), first.get());
  store.Replace("s", Snapshot({Gauge("m", 2)}));
  auto second = store.Body();
  EXPECT_NE(second.get(), first.get());
  EXPECT_EQ(Text(*first), "# HELP m Demo metric\n# TYPE m gauge\nm 1\n");  // old readers unaffected
}

TEST(SeriesStore, SamplesWithoutNameAreSkipped) {
  EXPECT_EQ(Render({Gauge("", 1), Gauge("ok", 1)}),
            "# HELP ok Demo metric\n# TYPE ok gauge\nok 1\n");
}

TEST(SeriesStore, ConcurrentWritesAndScrapes) {
  SeriesStore store;
  std::thread writer([&] {
    for (int i = 0; i < 2000; ++i) {
      store.Replace("s" + std::to_string(i % 7), Snapshot({Gauge("m", i, {{"i", "x"}})}));
    }
  });
  for (int i = 0; i < 2000; ++i) store.Body();
  writer.join();
  EXPECT_NE(Text(*store.Body()).find("# TYPE m gauge"), std::string::npos);
}

}  // namespace
}  // namespace mensor::prometheus

// StatsD lines: Promitor's default gauges, Geneva JSON buckets, DogStatsD tags, escaping,
// NaN, negative values and packing into datagrams.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "packet_builder.hpp"
#include "statsd_format.hpp"

namespace mensor::statsd {
namespace {

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

std::string Line(const FormatOptions& options, std::string_view name, double value,
                 const Labels& labels = {}, bool has_value = true) {
  return FormatGauge(options, GaugeInput{name, has_value, value, &labels}).value_or("<none>");
}

TEST(StatsdFormat, PromitorDefaultGaugeWithoutLabels) {
  FormatOptions options;
  options.prefix = NormalisePrefix("promitor.");
  EXPECT_EQ(Line(options, "demo_queue_size", 42, {{"entity_name", "orders"}}),
            "promitor.demo_queue_size:42|g");
  EXPECT_EQ(Line(options, "latency", 0.25), "promitor.latency:0.25|g");
  EXPECT_EQ(Line(options, "big", 1e21), "promitor.big:1e+21|g");
}

TEST(StatsdFormat, PrefixNeverGetsPromitorsDoubleDot) {
  EXPECT_EQ(NormalisePrefix("promitor."), "promitor.");
  EXPECT_EQ(NormalisePrefix("promitor"), "promitor.");
  EXPECT_EQ(NormalisePrefix("  promitor..  "), "promitor.");
  EXPECT_EQ(NormalisePrefix(""), "");
  EXPECT_EQ(NormalisePrefix("   "), "");
  EXPECT_EQ(NormalisePrefix("a:b"), "a_b.");
}

TEST(StatsdFormat, MissingValueIsZeroAsInPromitor) {
  FormatOptions options;
  EXPECT_EQ(Line(options, "m", 7, {}, false), "m:0|g");
}

TEST(StatsdFormat, NaNAndInfinitiesAreNotSent) {
  FormatOptions options;
  EXPECT_EQ(Line(options, "m", std::numeric_limits<double>::quiet_NaN()), "<none>");
  EXPECT_EQ(Line(options, "m", std::numeric_limits<double>::infinity()), "<none>");
  EXPECT_EQ(Line(options, "m", -std::numeric_limits<double>::infinity()), "<none>");
}

TEST(StatsdFormat, NegativeValuesResetTheGaugeFirst) {
  FormatOptions options;
  EXPECT_EQ(Line(options, "m", -5.5), "m:0|g\nm:-5.5|g");
  options.format = Format::kDogStatsD;
  EXPECT_EQ(Line(options, "m", -2, {{"k", "v"}}), "m:0|g|#k:v\nm:-2|g|#k:v");
}

TEST(StatsdFormat, NamesCannotBreakTheLine) {
  FormatOptions options;
  EXPECT_EQ(Line(options, "a:b|c@d#e,f g\nh", 1), "a_b_c_d_e_f_g_h:1|g");
}

TEST(StatsdFormat, DogStatsDCarriesEveryLabelAsATag) {
  FormatOptions options;
  options.format = Format::kDogStatsD;
  options.prefix = NormalisePrefix("promitor");
  EXPECT_EQ(Line(options, "q", 3, {{"resource_group", "rg"}, {"entity_name", "orders"}}),
            "promitor.q:3|g|#resource_group:rg,entity_name:orders");
  EXPECT_EQ(Line(options, "q", 3), "promitor.q:3|g");
}

TEST(StatsdFormat, DogStatsDTagsAreEscaped) {
  FormatOptions options;
  options.format = Format::kDogStatsD;
  // ',' '|' '#' and newlines end tags or lines; ':' is allowed in values, not in keys.
  EXPECT_EQ(Line(options, "q", 1, {{"a:b", "x:y,z|w#v\nu"}, {"empty", ""}}),
            "q:1|g|#a_b:x:y_z_w_v_u,empty:");
}

TEST(StatsdFormat, GenevaJsonBucketWithRoundedValue) {
  FormatOptions options;
  options.format = Format::kGeneva;
  options.geneva_account = "acc";
  options.geneva_namespace = "ns";
  EXPECT_EQ(Line(options, "q", 2.5, {{"resource_group", "rg"}, {"note", "say \"hi\"\n"}}),
            "{\"Account\":\"acc\",\"Namespace\":\"ns\",\"Metric\":\"q\",\"Dims\":{"
            "\"resource_group\":\"rg\",\"note\":\"say \\\"hi\\\"\\n\"}}:3|g");
  EXPECT_EQ(Line(options, "q", -2.5), Line(options, "q", -3));  // half away from zero
  EXPECT_EQ(Line(options, "q", 0.4),
            "{\"Account\":\"acc\",\"Namespace\":\"ns\",\"Metric\":\"q\",\"Dims\":{}}:0|g");
}

TEST(StatsdPacking, JoinsUnitsUpToTheLimitWithoutSplittingOne) {
  const std::vector<std::string> units = {"a:1|g", "b:2|g", "c:0|g\nc:-3|g", "d:4|g"};
  EXPECT_EQ(PackUnits(units, 1000), std::vector<std::string>{"a:1|g\nb:2|g\nc:0|g\nc:-3|g\nd:4|g"});
  EXPECT_EQ(PackUnits(units, 11),
            (std::vector<std::string>{"a:1|g\nb:2|g", "c:0|g\nc:-3|g", "d:4|g"}));
  EXPECT_EQ(PackUnits({"very-long-line:1|g", "x:1|g"}, 8),
            (std::vector<std::string>{"very-long-line:1|g", "x:1|g"}));
  EXPECT_TRUE(PackUnits({}, 100).empty());
}

TEST(StatsdPacking, EveryPacketRespectsTheLimit) {
  std::vector<std::string> units;
  for (int i = 0; i < 1000; ++i)
    units.push_back("metric_" + std::to_string(i) + ":" + std::to_string(i * 7) + "|g");
  size_t lines = 0;
  for (const auto& packet : PackUnits(units, 512)) {
    EXPECT_LE(packet.size(), 512u);
    lines += std::count(packet.begin(), packet.end(), '\n') + 1;
  }
  EXPECT_EQ(lines, 1000u);
}

}  // namespace
}  // namespace mensor::statsd

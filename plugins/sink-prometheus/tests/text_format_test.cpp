#include "text_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace mensor::prometheus {
namespace {

std::string Escaped(std::string_view value, bool lowercase = false) {
  std::string out;
  AppendEscapedLabelValue(out, value, lowercase);
  return out;
}

TEST(NormalizeLabelName, PromitorRules) {
  EXPECT_EQ(NormalizeLabelName("EntityName"), "entityname");
  EXPECT_EQ(NormalizeLabelName("Microsoft.ResourceId/sub"), "microsoft_resourceid_sub");
  EXPECT_EQ(NormalizeLabelName("resource_group"), "resource_group");
}

TEST(NormalizeLabelName, MadePrometheusValid) {
  EXPECT_EQ(NormalizeLabelName("api-name"), "api_name");
  EXPECT_EQ(NormalizeLabelName("1stDim"), "_1stdim");
  EXPECT_EQ(NormalizeLabelName(""), "_");
  EXPECT_EQ(NormalizeLabelName("Größe"), "gr__e");
  EXPECT_EQ(NormalizeLabelName("__name__"), "label__name__");
  EXPECT_EQ(NormalizeLabelName("a:b"), "a_b");
}

TEST(SanitizeMetricName, KeepsValidNamesAndRepairsOthers) {
  EXPECT_EQ(SanitizeMetricName("azure_service_bus_active_messages"),
            "azure_service_bus_active_messages");
  EXPECT_EQ(SanitizeMetricName("ns:Metric_1"), "ns:Metric_1");
  EXPECT_EQ(SanitizeMetricName("my-metric.x"), "my_metric_x");
  EXPECT_EQ(SanitizeMetricName("9lives"), "_9lives");
  EXPECT_EQ(SanitizeMetricName(""), "");
}

TEST(LabelValue, Escaping) {
  EXPECT_EQ(Escaped(R"(C:\path "q")"), R"(C:\\path \"q\")");
  EXPECT_EQ(Escaped("a\nb"), "a\\nb");
  EXPECT_EQ(Escaped("tab\there"), "tab\there");
}

TEST(LabelValue, LowercaseTransformationOnlyTouchesLetters) {
  EXPECT_EQ(Escaped("Orders-Queue\"X\"", true), "orders-queue\\\"x\\\"");
  EXPECT_EQ(Escaped("ÄBC", true), "Äbc");  // ASCII only; multi-byte sequences kept intact
}

TEST(LabelValue, InvalidUtf8IsReplaced) {
  EXPECT_EQ(Escaped("a\xff"
                    "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(Escaped("\xC3"), "\xEF\xBF\xBD");                                  // truncated sequence
  EXPECT_EQ(Escaped("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(Escaped("日本"), "日本");
}

TEST(EscapeHelp, BackslashAndNewlineOnly) {
  EXPECT_EQ(EscapeHelp("Line 1\nC:\\x \"quoted\""), "Line 1\\nC:\\\\x \"quoted\"");
}

TEST(FormatValue, SpecialValues) {
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
}

TEST(FormatValue, IntegersWithoutExponent) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(12), "12");
  EXPECT_EQ(FormatValue(-7), "-7");
  EXPECT_EQ(FormatValue(1e15), "1000000000000000");
  EXPECT_EQ(FormatValue(1e20), "100000000000000000000");
  EXPECT_EQ(FormatValue(1e300), "1e+300");
}

TEST(FormatValue, ShortestRoundTrip) {
  EXPECT_EQ(FormatValue(0.1), "0.1");
  EXPECT_EQ(FormatValue(1.5), "1.5");
  EXPECT_EQ(FormatValue(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(FormatValue(1.5e-7), "1.5e-07");
  for (double value : {0.1, 2.0 / 3.0, 123456.789, 1e-300, 9007199254740993.0}) {
    EXPECT_EQ(std::stod(FormatValue(value)), value);
  }
}

}  // namespace
}  // namespace mensor::prometheus

#include "mensor/config/diagnostics.hpp"

#include <gtest/gtest.h>

#include "mensor/config/suggest.hpp"

namespace mensor::config {
namespace {

YAML::Mark MarkAt(int line, int column) {
  YAML::Mark mark;
  mark.line = line;
  mark.column = column;
  return mark;
}

TEST(Diagnostics, ConvertsMarksToOneBasedAndSorts) {
  Diagnostics diagnostics;
  diagnostics.Error("b.yaml", MarkAt(0, 0), "first in b");
  diagnostics.Warning("a.yaml", MarkAt(4, 2), "later in a");
  diagnostics.Error("a.yaml", MarkAt(1, 7), "early in a");
  EXPECT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.ErrorCount(), 2u);
  EXPECT_EQ(diagnostics.WarningCount(), 1u);
  EXPECT_EQ(diagnostics.Format(),
            "a.yaml:2:8: error: early in a\n"
            "a.yaml:5:3: warning: later in a\n"
            "b.yaml:1:1: error: first in b\n");
}

TEST(Diagnostics, NullMarkHasNoPosition) {
  Diagnostics diagnostics;
  diagnostics.Warning("env", YAML::Mark::null_mark(), "something");
  EXPECT_FALSE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.Format(), "env: warning: something\n");
}

TEST(Suggest, LevenshteinAndSuggestions) {
  EXPECT_EQ(LevenshteinDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(LevenshteinDistance("httpPort", "HTTPPORT", true), 0u);
  const std::vector<std::string> keys = {"metricName", "aggregation", "limit", "dimensions"};
  EXPECT_EQ(UnknownKeyMessage("metricNam", keys),
            "unknown key 'metricNam' is ignored; did you "
            "mean 'metricName'?");
  EXPECT_EQ(UnknownKeyMessage("zzz", keys), "unknown key 'zzz' is ignored");
  EXPECT_EQ(SuggestKeys("limt", keys), std::vector<std::string>{"limit"});
}

}  // namespace
}  // namespace mensor::config

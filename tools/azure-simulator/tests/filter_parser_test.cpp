#include "filter_parser.hpp"

#include <gtest/gtest.h>

namespace mensor::sim {
namespace {

TEST(FilterParser, SingleEquality) {
  const auto filter = ParseFilter("EntityName eq 'orders'");
  ASSERT_EQ(filter.dimensions.size(), 1u);
  EXPECT_EQ(filter.dimensions[0].dimension, "EntityName");
  EXPECT_FALSE(filter.dimensions[0].wildcard);
  EXPECT_EQ(filter.dimensions[0].values, std::vector<std::string>{"orders"});
}

TEST(FilterParser, Wildcard) {
  const auto filter = ParseFilter("EntityName eq '*'");
  ASSERT_EQ(filter.dimensions.size(), 1u);
  EXPECT_TRUE(filter.dimensions[0].wildcard);
  EXPECT_TRUE(filter.dimensions[0].values.empty());
}

TEST(FilterParser, DocumentedMixedExampleBindsOrTighterThanAnd) {
  const auto filter = ParseFilter("A eq 'a1' and B eq 'b1' or B eq 'b2' and C eq '*'");
  ASSERT_EQ(filter.dimensions.size(), 3u);
  EXPECT_EQ(filter.dimensions[0].values, std::vector<std::string>{"a1"});
  EXPECT_EQ(filter.dimensions[1].dimension, "B");
  EXPECT_EQ(filter.dimensions[1].values, (std::vector<std::string>{"b1", "b2"}));
  EXPECT_TRUE(filter.dimensions[2].wildcard);
}

TEST(FilterParser, ParenthesesQuotesAndKeywordCase) {
  const auto filter = ParseFilter("(ApiName eq 'GetBlob' OR apiname eq 'It''s') AND Tier EQ 'Hot'");
  ASSERT_EQ(filter.dimensions.size(), 2u);
  EXPECT_EQ(filter.dimensions[0].values, (std::vector<std::string>{"GetBlob", "It's"}));
  EXPECT_EQ(filter.dimensions[1].values, std::vector<std::string>{"Hot"});
}

TEST(FilterParser, DecodesDoubleEncodedBrackets) {
  const auto filter = ParseFilter("Name%28x%29 eq 'v%28 1%29'");
  EXPECT_EQ(filter.dimensions[0].dimension, "Name(x)");
  EXPECT_EQ(filter.dimensions[0].values, std::vector<std::string>{"v( 1)"});
}

TEST(FilterParser, ValuesMayContainSpacesAndKeywords) {
  const auto filter = ParseFilter("EntityName eq 'a and b or c'");
  EXPECT_EQ(filter.dimensions[0].values, std::vector<std::string>{"a and b or c"});
}

struct RejectCase {
  const char* filter;
  const char* expected_fragment;
};

class FilterParserReject : public ::testing::TestWithParam<RejectCase> {};

TEST_P(FilterParserReject, FailsWithAClearMessage) {
  try {
    ParseFilter(GetParam().filter);
    FAIL() << "accepted: " << GetParam().filter;
  } catch (const FilterError& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam().expected_fragment), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("position"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FilterParserReject,
    ::testing::Values(RejectCase{"", "empty"}, RejectCase{"   ", "empty"},
                      RejectCase{"EntityName", "expected 'eq'"},
                      RejectCase{"EntityName eq orders", "single quotes"},
                      RejectCase{"EntityName eq 'orders", "unterminated"},
                      RejectCase{"A eq 'x' or B eq 'y'", "same dimension"},
                      RejectCase{"A eq 'x' and B eq 'y' or C eq 'z'", "same dimension"},
                      RejectCase{"A ne 'x'", "'ne' is not supported"},
                      RejectCase{"A eq 'x' and", "dimension name"},
                      RejectCase{"A eq 'x' and A eq 'y'", "more than one"},
                      RejectCase{"A eq 'x' B eq 'y'", "expected 'and'"},
                      RejectCase{"(A eq 'x'", "expected ')'"},
                      RejectCase{"A eq 'x')", "expected 'and'"},
                      RejectCase{"A eq 'x' && B eq 'y'", "unexpected character"},
                      RejectCase{"eq 'x'", "expected 'eq'"},
                      RejectCase{"and A eq 'x'", "dimension name"}));

}  // namespace
}  // namespace mensor::sim

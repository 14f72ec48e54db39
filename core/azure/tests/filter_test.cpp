#include "mensor/azure/filter.hpp"

#include <gtest/gtest.h>

namespace mensor::azure {
namespace {

std::string Build(std::vector<std::string> dims, std::string_view resource_filter) {
  return BuildFilter(dims, resource_filter);
}

TEST(FilterTest, EqualsClauseEscapesQuotes) {
  EXPECT_EQ(EqualsClause("EntityName", "orders"), "EntityName eq 'orders'");
  EXPECT_EQ(EqualsClause("Name", "O'Brien"), "Name eq 'O''Brien'");
  EXPECT_EQ(EqualsClause("Name", "''"), "Name eq ''''''");
  EXPECT_EQ(WildcardClause("Tier"), "Tier eq '*'");
}

TEST(FilterTest, DimensionsOnly) {
  EXPECT_EQ(Build({"Tier"}, ""), "Tier eq '*'");
  EXPECT_EQ(Build({"ApiName", "Authentication"}, ""), "ApiName eq '*' and Authentication eq '*'");
  EXPECT_EQ(Build({"Tier", " tier ", ""}, ""), "Tier eq '*'");  // duplicates and blanks dropped
  EXPECT_EQ(Build({}, ""), "");
}

TEST(FilterTest, ResourceFilterOnly) {
  EXPECT_EQ(Build({}, "  EntityName eq 'orders'  "), "EntityName eq 'orders'");
}

TEST(FilterTest, ResourceClauseReplacesWildcardOfSameDimension) {
  EXPECT_EQ(Build({"EntityName", "OperationResult"}, "entityname eq 'orders'"),
            "entityname eq 'orders' and OperationResult eq '*'");
}

TEST(FilterTest, OtherResourceClausesAreAppended) {
  EXPECT_EQ(Build({"Tier"}, "EntityName eq 'orders' and Location eq 'West Europe'"),
            "Tier eq '*' and EntityName eq 'orders' and Location eq 'West Europe'");
}

TEST(FilterTest, OrGroupOnOneDimensionStaysTogether) {
  // Promitor splits this on " and " and then on " eq ", mangling the OR group.
  EXPECT_EQ(Build({"ApiName", "Authentication"},
                  "ApiName eq 'GetBlob' or ApiName eq 'GetBlobServiceProperties'"),
            "ApiName eq 'GetBlob' or ApiName eq 'GetBlobServiceProperties' and "
            "Authentication eq '*'");
}

TEST(FilterTest, OrGroupInsideLargerFilter) {
  const std::vector<FilterClause> clauses =
      ParseFilterClauses("A eq 'a1' and B eq 'b1' or B eq 'b2' and C eq '*'");
  ASSERT_EQ(clauses.size(), 3u);
  EXPECT_EQ(clauses[0].text, "A eq 'a1'");
  EXPECT_EQ(clauses[0].dimension, "A");
  EXPECT_EQ(clauses[1].text, "B eq 'b1' or B eq 'b2'");
  EXPECT_EQ(clauses[1].dimension, "B");
  EXPECT_EQ(clauses[2].dimension, "C");
  EXPECT_EQ(Build({"C", "B", "D"}, "A eq 'a1' and B eq 'b1' or B eq 'b2' and C eq 'c'"),
            "C eq 'c' and B eq 'b1' or B eq 'b2' and D eq '*' and A eq 'a1'");
}

TEST(FilterTest, AndInsideQuotedValueIsNotASeparator) {
  const std::vector<FilterClause> clauses =
      ParseFilterClauses("Name eq 'salt and pepper' and Other eq 'it''s and more'");
  ASSERT_EQ(clauses.size(), 2u);
  EXPECT_EQ(clauses[0].text, "Name eq 'salt and pepper'");
  EXPECT_EQ(clauses[1].text, "Other eq 'it''s and more'");
  EXPECT_EQ(clauses[1].dimension, "Other");
  EXPECT_EQ(Build({"Name"}, "Name eq 'salt and pepper'"), "Name eq 'salt and pepper'");
}

TEST(FilterTest, KeywordsAreCaseInsensitiveAndWordBounded) {
  const std::vector<FilterClause> clauses =
      ParseFilterClauses("Brand eq 'x' AND Band eq 'y' Or Band eq 'z'");
  ASSERT_EQ(clauses.size(), 2u);
  EXPECT_EQ(clauses[0].text, "Brand eq 'x'");
  EXPECT_EQ(clauses[1].text, "Band eq 'y' Or Band eq 'z'");
  EXPECT_EQ(clauses[1].dimension, "Band");
}

TEST(FilterTest, OrAcrossDimensionsIsOpaque) {
  const std::vector<FilterClause> clauses = ParseFilterClauses("A eq '1' or B eq '2'");
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_EQ(clauses[0].dimension, "");
  // Not merged into A's wildcard: kept verbatim and appended.
  EXPECT_EQ(Build({"A"}, "A eq '1' or B eq '2'"), "A eq '*' and A eq '1' or B eq '2'");
}

TEST(FilterTest, ParenthesesAreRespected) {
  const std::vector<FilterClause> clauses =
      ParseFilterClauses("(A eq '1' or A eq '2') and (B eq '3' and C eq '4')");
  ASSERT_EQ(clauses.size(), 2u);
  EXPECT_EQ(clauses[0].dimension, "A");
  EXPECT_EQ(clauses[1].text, "(B eq '3' and C eq '4')");
  EXPECT_EQ(clauses[1].dimension, "");
}

TEST(FilterTest, UnparsableClauseKeptVerbatim) {
  EXPECT_EQ(Build({"Tier"}, "startswith(Name, 'x')"), "Tier eq '*' and startswith(Name, 'x')");
  EXPECT_EQ(Build({"Tier"}, "Tier eq 'unterminated"), "Tier eq '*' and Tier eq 'unterminated");
}

TEST(FilterTest, SecondClauseOnSameDimensionIsAppended) {
  EXPECT_EQ(Build({"A"}, "A ne 'x' and A ne 'y'"), "A ne 'x' and A ne 'y'");
}

}  // namespace
}  // namespace mensor::azure

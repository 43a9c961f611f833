#include "common/status.h"

#include <iterator>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

namespace kitty::internal {
namespace {

// The codes docs/reference.md documents, written out rather than taken from
// kitty.h: a constant changed by mistake must fail here too.
const std::map<Category, int>& documented_codes() {
  static const std::map<Category, int> kCodes = {
      {Category::kUsage, 64},     {Category::kStaleSelection, 78}, {Category::kUnitConflict, 65},
      {Category::kIsolation, 71}, {Category::kPorts, 75},          {Category::kOutput, 73},
      {Category::kShard, 66},
  };
  return kCodes;
}

TEST(ExitCodeOf, EveryCategoryHasItsDocumentedCode) {
  EXPECT_EQ(std::size(kCategories), documented_codes().size());
  for (const Category category : kCategories) {
    const auto documented = documented_codes().find(category);
    ASSERT_NE(documented, documented_codes().end()) << static_cast<int>(category);
    EXPECT_EQ(exit_code_of(category), documented->second) << static_cast<int>(category);
  }
}

TEST(ExitCodeOf, NoTwoCategoriesShareACode) {
  std::set<int> codes;
  for (const Category category : kCategories) {
    EXPECT_TRUE(codes.insert(exit_code_of(category)).second)
        << "code " << exit_code_of(category) << " of category " << static_cast<int>(category)
        << " is taken";
  }
}

TEST(ExitCodeOf, NoCategoryLooksLikeAnOutcome) {
  // ctest reads 0 as passed, 77 as skipped; 1 is a failed test, 79 a test
  // process that ended early: a start-up failure must be none of them.
  for (const Category category : kCategories) {
    const int code = exit_code_of(category);
    EXPECT_NE(code, 0);
    EXPECT_NE(code, 1);
    EXPECT_NE(code, kExitSkipped);
    EXPECT_NE(code, kExitPrematureExit);
  }
}

TEST(ExitCodeOf, MatchesThePublicConstants) {
  EXPECT_EQ(exit_code_of(Category::kUsage), kExitUsage);
  EXPECT_EQ(exit_code_of(Category::kStaleSelection), kExitSelectionMismatch);
  EXPECT_EQ(exit_code_of(Category::kUnitConflict), kExitUnitConflict);
  EXPECT_EQ(exit_code_of(Category::kIsolation), kExitIsolationFailed);
  EXPECT_EQ(exit_code_of(Category::kPorts), kExitPortsUnavailable);
  EXPECT_EQ(exit_code_of(Category::kOutput), kExitOutputFailed);
}

TEST(ExitWithDeathTest, PrintsTheMessageAndExitsWithTheCategorysCode) {
  EXPECT_EXIT(exit_with({Category::kPorts, "cannot lease ports: all taken"}),
              testing::ExitedWithCode(75), "^gtest_kitty: cannot lease ports: all taken\n$");
  EXPECT_EXIT(exit_with({Category::kOutput, "no room"}), testing::ExitedWithCode(73),
              "gtest_kitty: no room");
}

TEST(Status, DefaultIsOkAndAFailureCarriesItsCategory) {
  EXPECT_TRUE(Status());
  const Status failed = Failure{Category::kUnitConflict, "two units"};
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.failure().category, Category::kUnitConflict);
  EXPECT_EQ(failed.failure().message, "two units");
}

TEST(Result, HoldsAValueOrAFailureAndPassesTheFailureOn) {
  const Result<int> value = 7;
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, 7);
  EXPECT_TRUE(value.status());

  const Result<int> failed = usage_error("bad flag");
  ASSERT_FALSE(failed);
  const Status passed_on = failed.status();
  ASSERT_FALSE(passed_on);
  EXPECT_EQ(passed_on.failure().category, Category::kUsage);
  EXPECT_EQ(passed_on.failure().message, "bad flag");
}

}  // namespace
}  // namespace kitty::internal

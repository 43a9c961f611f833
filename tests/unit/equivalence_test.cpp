// The equivalence model of gtest-kitty: parsing GoogleTest's test listing,
// and comparing units with a serial run.
#include "cli/model/equivalence.h"

#include <gtest/gtest.h>

namespace kitty::cli {
namespace {

using Strings = std::vector<std::string>;

TEST(ParseTestList, NamesTestsWithTheirSuitesAndDropsComments) {
  const std::string listing =
      "gtest_kitty: a note of kitty's\n"
      "Store.\n"
      "  Gets\n"
      "  Puts\n"
      "Sizes/Compaction.  # TypeParam = \n"
      "  Keeps/0  # GetParam() = 0\n";
  EXPECT_EQ(parse_test_list(listing),
            (Strings{"Store.Gets", "Store.Puts", "Sizes/Compaction.Keeps/0"}));
}

TEST(ParseTestList, EmptyListingHasNoTests) { EXPECT_EQ(parse_test_list(""), Strings{}); }

const SelectedTests kSerial{"serial", {"A.one", "A.two", "B.one", "C.one"}};

TEST(CompareSelections, UnitsCoveringTheSerialRunAreEquivalent) {
  const EquivalenceReport report =
      compare_selections(kSerial, {{"a.cpp", {"A.one", "A.two"}}, {"bc.cpp", {"B.one", "C.one"}}});
  EXPECT_TRUE(report.equivalent());
}

TEST(CompareSelections, ADroppedUnitLeavesItsTestsMissing) {
  const EquivalenceReport report = compare_selections(kSerial, {{"a.cpp", {"A.one", "A.two"}}});
  EXPECT_EQ(report.missing, (Strings{"B.one", "C.one"}));
  EXPECT_FALSE(report.equivalent());
}

TEST(CompareSelections, ATestInTwoUnitsIsDuplicated) {
  const EquivalenceReport report = compare_selections(
      kSerial, {{"a.cpp", {"A.one", "A.two"}}, {"all.cpp", {"A.one", "B.one", "C.one"}}});
  EXPECT_EQ(report.duplicated, Strings{"A.one"});
  EXPECT_TRUE(report.missing.empty());
}

TEST(CompareSelections, ATestTheSerialRunDoesNotRunIsExtra) {
  const EquivalenceReport report = compare_selections(
      kSerial, {{"a.cpp", {"A.one", "A.two", "Z.new"}}, {"bc.cpp", {"B.one", "C.one"}}});
  EXPECT_EQ(report.extra, Strings{"Z.new (in a.cpp)"});
}

TEST(CompareSelections, AUnitOutOfSerialOrderIsMisordered) {
  const EquivalenceReport report =
      compare_selections(kSerial, {{"a.cpp", {"A.two", "A.one"}}, {"bc.cpp", {"B.one", "C.one"}}});
  EXPECT_EQ(report.misordered, Strings{"a.cpp"});
}

}  // namespace
}  // namespace kitty::cli

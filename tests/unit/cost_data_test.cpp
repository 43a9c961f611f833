// The cost file (common/cost_data.h): CTest's format read back exactly,
// every malformed line refused by number, the written file sorted and
// stable, and a unit's row found from inside its binary.
#include "common/cost_data.h"

#include <gtest/gtest.h>

namespace {

using kitty::internal::cost_of_unit;
using kitty::internal::CostData;
using kitty::internal::format_cost_data;
using kitty::internal::parse_cost_data;

TEST(CostData, ReadsCTestsOwnFileNamesWithSpacesIncluded) {
  const auto data = parse_cost_data(
      "unit_tests/a_test.cpp 3 1.5\nunit_tests/my file [1].cpp 1 0.25\r\n\n---\nfailed_one\n",
      "costs.txt");
  ASSERT_TRUE(data.ok()) << data.failure().message;
  EXPECT_EQ(data->seconds.size(), 2u);
  EXPECT_DOUBLE_EQ(data->seconds.at("unit_tests/a_test.cpp"), 1.5);
  EXPECT_DOUBLE_EQ(data->seconds.at("unit_tests/my file [1].cpp"), 0.25);
  EXPECT_EQ(data->runs.at("unit_tests/a_test.cpp"), 3);
  EXPECT_EQ(data->seconds.count("failed_one"), 0u);  // after "---": last run's failures
}

TEST(CostData, EveryMalformedLineIsRefusedByNumber) {
  for (const char* line :
       {"lonely", "name 1", "name x 1.0", "name 1 fast", "name 1 -2", "name 1 nan", "name 1 inf",
        " 1 2", "name -1 2.0", "name 1 2.0s", "name 99999999999999999999 1.0"}) {
    const auto data = parse_cost_data(std::string("good 1 1.0\n") + line + "\n", "c.txt");
    ASSERT_FALSE(data.ok()) << line;
    EXPECT_EQ(data.failure().message.rfind("c.txt:2: ", 0), 0u) << data.failure().message;
  }
}

TEST(CostData, TheWrittenFileIsSortedAndReadsBackTheSame) {
  CostData data;
  data.seconds = {{"b/x.cpp", 2.0}, {"a/y z.cpp", 0.0125}, {"a/w.cpp", 10}};
  data.runs = {{"b/x.cpp", 4}};
  const std::string text = format_cost_data(data);
  EXPECT_EQ(text, "a/w.cpp 1 10.000\na/y z.cpp 1 0.013\nb/x.cpp 4 2.000\n");
  const auto again = parse_cost_data(text, "again");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(format_cost_data(*again), text);
}

TEST(CostData, AUnitFindsItsRowByExecutableThenByAUniqueFile) {
  CostData data;
  data.seconds = {{"unit_tests/src/a_test.cpp", 1},
                  {"other_tests/src/a_test.cpp", 2},
                  {"ci/unit_tests/src/b_test.cpp", 3},
                  {"src/c_test.cpp", 4},
                  {"x/bsrc/c_test.cpp", 5}};
  EXPECT_EQ(cost_of_unit(data, "unit_tests", "src/a_test.cpp"), 1.0);
  EXPECT_EQ(cost_of_unit(data, "other_tests", "src/a_test.cpp"), 2.0);
  EXPECT_EQ(cost_of_unit(data, "third", "src/a_test.cpp"), std::nullopt);  // two candidates
  EXPECT_EQ(cost_of_unit(data, "unit_tests", "src/b_test.cpp"), 3.0);      // a TEST_PREFIX
  EXPECT_EQ(cost_of_unit(data, "t", "src/c_test.cpp"), 4.0);  // "bsrc/" is another file
  EXPECT_EQ(cost_of_unit(data, "t", "src/d_test.cpp"), std::nullopt);
}

}  // namespace

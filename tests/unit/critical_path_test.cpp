// The unit that bounds a run, from planted unit times: named with its share
// and bound when it truly bounds, nothing when the run is balanced, and a
// split piece or a single test never told to split.
#include "cli/model/critical_path.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/model/timeline.h"
#include "cli/model/timeline_picture.h"

namespace kitty::cli {
namespace {

UnitTime file_unit(const std::string& file, double seconds, int tests = 10) {
  return {"kvstore_tests/" + file, "--kitty_file=" + file, seconds, tests};
}

// One file with 70% of the time and three light ones.
std::vector<UnitTime> heavy_suite() {
  return {file_unit("tests/light_a.cpp", 1.0), file_unit("tests/heavy_test.cpp", 7.0),
          file_unit("tests/light_b.cpp", 1.0), file_unit("tests/light_c.cpp", 1.0)};
}

TEST(CriticalPath, AFileWithSeventyPercentBoundsTwoJobs) {
  const std::optional<BoundingUnit> bounding = find_bounding_unit(heavy_suite(), 2);
  ASSERT_TRUE(bounding.has_value());
  EXPECT_EQ(bounding->unit.name, "kvstore_tests/tests/heavy_test.cpp");
  EXPECT_DOUBLE_EQ(bounding->share, 0.7);
  EXPECT_NEAR(bounding->bound, 10.0 / 7.0, 1e-9);
  EXPECT_EQ(bounding->target, "kvstore_tests");
  EXPECT_EQ(bounding->file, "tests/heavy_test.cpp");
  const std::string text = describe_bounding(bounding);
  EXPECT_NE(text.find("kvstore_tests/tests/heavy_test.cpp takes 70%"), std::string::npos) << text;
  EXPECT_NE(text.find("at -j2 the run can be at most 1.43x faster than serial (ideal 2x)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("kitty_add_tests(kvstore_tests ... SPLIT_FILES tests/heavy_test.cpp)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("gtest-kitty split-check kvstore_tests tests/heavy_test.cpp"),
            std::string::npos)
      << text;
}

TEST(CriticalPath, TheTargetIsFoundBehindATestPrefix) {
  const std::optional<BoundingUnit> bounding = find_bounding_unit(
      {{"integration/it_tests/src/slow test.cpp", "--kitty_file=src/slow test.cpp", 5, 3},
       {"integration/it_tests/src/quick.cpp", "--kitty_file=src/quick.cpp", 1, 3}},
      2);
  ASSERT_TRUE(bounding.has_value());
  EXPECT_EQ(bounding->target, "it_tests");
  EXPECT_EQ(bounding->file, "src/slow test.cpp");
}

TEST(CriticalPath, ABalancedSuiteNamesNothing) {
  const std::vector<UnitTime> balanced = {file_unit("a.cpp", 2.5), file_unit("b.cpp", 2.4),
                                          file_unit("c.cpp", 2.6), file_unit("d.cpp", 2.5)};
  EXPECT_FALSE(find_bounding_unit(balanced, 2).has_value());
  EXPECT_EQ(describe_bounding(find_bounding_unit(balanced, 2)), "");
  // The same heavy file does not bound a serial run: nothing to gain there.
  EXPECT_FALSE(find_bounding_unit(heavy_suite(), 1).has_value());
  EXPECT_FALSE(find_bounding_unit({}, 2).has_value());
}

TEST(CriticalPath, TheLongestBoundsOnlyPastItsFairShare) {
  // 4 of 10 s: bounds -j3 (10/3 = 3.33 s) but not -j2 (5 s).
  const std::vector<UnitTime> units = {file_unit("big.cpp", 4), file_unit("b.cpp", 3),
                                       file_unit("c.cpp", 3)};
  EXPECT_FALSE(find_bounding_unit(units, 2).has_value());
  ASSERT_TRUE(find_bounding_unit(units, 3).has_value());
  EXPECT_EQ(find_bounding_unit(units, 3)->unit.name, "kvstore_tests/big.cpp");
}

TEST(CriticalPath, ASplitPieceIsNeverToldToSplit) {
  std::vector<UnitTime> units = heavy_suite();
  units[1] = {"kvstore_tests/tests/heavy_test.cpp:Store.Open", "--kitty_test=Store.Open", 7.0, 1};
  const std::optional<BoundingUnit> bounding = find_bounding_unit(units, 2);
  ASSERT_TRUE(bounding.has_value());
  EXPECT_FALSE(bounding->splittable());
  const std::string text = describe_bounding(bounding);
  EXPECT_NE(text.find("kvstore_tests/tests/heavy_test.cpp:Store.Open takes 70%"), std::string::npos)
      << text;
  EXPECT_NE(text.find("cannot be split further"), std::string::npos) << text;
  EXPECT_EQ(text.find("SPLIT_FILES"), std::string::npos) << text;
  EXPECT_EQ(text.find("split-check"), std::string::npos) << text;
}

TEST(CriticalPath, AFileOfOneTestCannotBeSplitFurther) {
  std::vector<UnitTime> units = heavy_suite();
  units[1].tests = 1;
  const std::string text = describe_bounding(find_bounding_unit(units, 2));
  EXPECT_NE(text.find("it holds a single test: it cannot be split further"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("SPLIT_FILES"), std::string::npos) << text;
}

TEST(CriticalPath, ASuitePieceIsToldToSplitByTest) {
  std::vector<UnitTime> units = heavy_suite();
  units[1] = {"kvstore_tests/tests/heavy_test.cpp:Store", "--kitty_suite=Store", 7.0, 20};
  const std::string text = describe_bounding(find_bounding_unit(units, 2));
  EXPECT_NE(text.find("<file>=test"), std::string::npos) << text;
  EXPECT_EQ(text.find("SPLIT_FILES tests/"), std::string::npos) << text;
}

TEST(CriticalPath, SeveralRunsCountByTheirMedian) {
  const std::vector<UnitTime> merged =
      median_unit_times({{file_unit("a.cpp", 1), file_unit("b.cpp", 9)},
                         {file_unit("a.cpp", 3), file_unit("b.cpp", 1)},
                         {file_unit("a.cpp", 2), file_unit("b.cpp", 2)}});
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].name, "kvstore_tests/a.cpp");
  EXPECT_DOUBLE_EQ(merged[0].seconds, 2);
  EXPECT_DOUBLE_EQ(merged[1].seconds, 2);  // one slow run does not make it the bound
}

ProcessRecord record_of(const std::string& file, int worker, long long from_ms, long long to_ms,
                        int tests) {
  constexpr long long kEpoch = 1'700'000'000'000'000;
  ProcessRecord record;
  record.name = "kvstore_tests/" + file;
  record.selector = "--kitty_file=" + file;
  record.worker = worker;
  record.launched_us = kEpoch + from_ms * 1000;
  record.start_us = record.launched_us + 300;
  record.end_us = kEpoch + to_ms * 1000;
  record.exited = true;
  for (int i = 0; i < tests; ++i) {
    RecordedTest test;
    test.name = "Suite.Test" + std::to_string(i);
    test.result = TestResult::kPassed;
    record.tests.push_back(test);
  }
  return record;
}

TEST(CriticalPath, TheTimelineNamesTheBoundingFile) {
  // Worker 0 runs the heavy file for 7 s while worker 1 runs three light ones.
  const std::vector<ProcessRecord> records = {
      record_of("tests/heavy_test.cpp", 0, 0, 7000, 40), record_of("tests/a.cpp", 1, 0, 1000, 2),
      record_of("tests/b.cpp", 1, 1000, 2000, 2), record_of("tests/c.cpp", 1, 2000, 3000, 2)};
  const Timeline timeline = lay_out(records);
  ASSERT_TRUE(timeline.bounding.has_value());
  EXPECT_EQ(timeline.bounding->unit.tests, 40);
  const std::string text = describe(timeline);
  EXPECT_NE(text.find("bounding unit: kvstore_tests/tests/heavy_test.cpp takes 70%"),
            std::string::npos)
      << text;
  EXPECT_NE(render_svg(timeline, "t").find("bounding unit: kvstore_tests/tests/heavy_test.cpp"),
            std::string::npos);
  EXPECT_NE(render_html(timeline, "t").find("SPLIT_FILES tests/heavy_test.cpp"), std::string::npos);

  // Balanced lanes: the summary says nothing of a bound.
  // (The timeline's bars point into its records: they must outlive it.)
  const std::vector<ProcessRecord> even = {record_of("tests/a.cpp", 0, 0, 2000, 2),
                                           record_of("tests/b.cpp", 1, 0, 2000, 2)};
  const Timeline balanced = lay_out(even);
  EXPECT_FALSE(balanced.bounding.has_value());
  EXPECT_EQ(describe(balanced).find("bounding"), std::string::npos);
}

}  // namespace
}  // namespace kitty::cli

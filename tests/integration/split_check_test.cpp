// gtest-kitty split-check on the split_check project, real processes: a
// file whose later tests depend on what its first test leaves (the planted
// fault) is reported unsafe, each dependent test named with what it needs;
// a file of independent tests is safe, with the SPLIT_FILES line to use;
// bad input is one line and exit 2. And the unit that bounds a real run,
// as bench and the ratchet name it.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "projects.h"

namespace kitty_it {
namespace {

ProcessResult split_check(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& environment = {}) {
  std::vector<std::string> argv = {cli_path(), "split-check", "--test-dir",
                                   work_path("split_check")};
  argv.insert(argv.end(), args.begin(), args.end());
  // This test's own kitty run must not leak into the runs it starts.
  ProcessOptions options;
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE", "KITTY_RUN_ID",
                               "KITTY_ISOLATION", "KITTY_RATCHET_RUN"};
  options.environment = environment;
  return run_process(argv, options);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(SplitCheck, ATestNeedingAnEarlierOneIsUnsafeAndNamedWithItsDependency) {
  const ProcessResult result = split_check({"split_tests", "dependent_test.cpp", "--seed", "7"});
  const std::string& out = result.output;
  EXPECT_EQ(result.exit_code, 1) << out;
  EXPECT_TRUE(contains(out,
                       "5 tests, run whole once, then each alone 3 times in shuffled order "
                       "(seed 7)"))
      << out;
  EXPECT_TRUE(contains(out, "UNSAFE to split: 3 tests of 5 do not end alone")) << out;
  // A global the first test sets, and a file it leaves in the process's home.
  EXPECT_TRUE(contains(out,
                       "Store.Reopen: passed whole, failed alone (3 of 3 runs alone): "
                       "passes only after Store.Open"))
      << out;
  EXPECT_TRUE(contains(out,
                       "Store.Replay: passed whole, failed alone (3 of 3 runs alone): "
                       "passes only after Store.Open"))
      << out;
  EXPECT_TRUE(contains(out,
                       "Store.Compact: passed whole, failed alone (3 of 3 runs alone): "
                       "needs more than one earlier test"))
      << out;
  // The tests that stand alone are not named.
  EXPECT_FALSE(contains(out, "  Store.Open:")) << out;
  EXPECT_FALSE(contains(out, "  Store.Put:")) << out;
  EXPECT_TRUE(contains(out, "--seed 7")) << out;
  EXPECT_FALSE(contains(out, "SPLIT_FILES")) << out;
}

TEST(SplitCheck, IndependentTestsAreSafeToSplit) {
  const ProcessResult result =
      split_check({"split_tests", "independent_test.cpp", "--repeat", "2"});
  const std::string& out = result.output;
  EXPECT_EQ(result.exit_code, 0) << out;
  // Whole once, then 4 tests twice each.
  EXPECT_TRUE(contains(out,
                       "safe to split: each of the 4 tests ended alone as in the whole file "
                       "(9 processes)"))
      << out;
  EXPECT_TRUE(contains(out, "kitty_add_tests(split_tests ... SPLIT_FILES independent_test.cpp)"))
      << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\\(seed [0-9]+\\)"))) << out;
}

TEST(SplitCheck, ATestThatFlipsBetweenRepeatsIsNamed) {
  // Flip.EveryOtherRun fails on every other run: twice alone, it passes
  // once and fails once, whichever way the whole run went.
  const ProcessResult result =
      split_check({"split_tests", "flip_test.cpp", "--repeat", "2"}, {{"SPLIT_CHECK_FLIP", "1"}});
  const std::string& out = result.output;
  EXPECT_EQ(result.exit_code, 1) << out;
  EXPECT_TRUE(std::regex_search(
      out,
      std::regex("  Flip.EveryOtherRun: (passed|failed) whole, (failed|passed) alone \\(1 "
                 "of 2 runs alone; (passed|failed) in the others: it flips between repeats\\)")))
      << out;
  EXPECT_FALSE(contains(out, "Flip.Steady:")) << out;
}

TEST(SplitCheck, BadInputIsOneLineAndExitTwo) {
  const ProcessResult no_target = split_check({"no_such_tests", "dependent_test.cpp"});
  EXPECT_EQ(no_target.exit_code, 2) << no_target.output;
  EXPECT_TRUE(contains(no_target.output, "gtest-kitty: no file of a target 'no_such_tests'"))
      << no_target.output;

  const ProcessResult no_file = split_check({"split_tests", "missing_test.cpp"});
  EXPECT_EQ(no_file.exit_code, 2) << no_file.output;
  EXPECT_TRUE(contains(no_file.output, "gtest-kitty: split_tests has no file 'missing_test.cpp'"))
      << no_file.output;

  const ProcessResult no_args = split_check({"split_tests"});
  EXPECT_EQ(no_args.exit_code, 2) << no_args.output;
}

// With 3 units at -j4, the longest takes at least a third of the total:
// more than a fair quarter, so it bounds every such run, whichever it is.
const char* const kBoundingLine =
    "bounding unit: split_tests/(dependent|independent|flip)_test\\.cpp takes [0-9]+% of the "
    "[0-9.]+ s all units take together \\([0-9.]+ s\\): at -j4 the run can be at most "
    "[0-9.]+x faster than serial \\(ideal 4x\\)\n  to split it: kitty_add_tests\\(split_tests "
    "\\.\\.\\. SPLIT_FILES (dependent|independent|flip)_test\\.cpp\\); check first that its "
    "tests pass alone: gtest-kitty split-check split_tests (dependent|independent|flip)_test\\.cpp";

TEST(BoundingUnit, BenchAndTheRatchetNameItOnARealRun) {
  ProcessOptions options;
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE",   "KITTY_RUN_ID",
                               "KITTY_ISOLATION",  "KITTY_RATCHET_RUN", "SPLIT_CHECK_FLIP"};
  const ProcessResult bench = run_process(
      {cli_path(), "bench", "--test-dir", work_path("split_check"), "-j4", "--runs", "1"}, options);
  EXPECT_EQ(bench.exit_code, 0) << bench.output;
  EXPECT_TRUE(std::regex_search(bench.output, std::regex(kBoundingLine))) << bench.output;

  const ProcessResult ratchet = run_process(
      {cli_path(), "ratchet", "-n", "1", "--", "--test-dir", work_path("split_check"), "-j4"},
      options);
  EXPECT_EQ(ratchet.exit_code, 0) << ratchet.output;
  EXPECT_TRUE(std::regex_search(ratchet.output, std::regex(kBoundingLine))) << ratchet.output;

  // Serially, nothing bounds: the line is not printed.
  const ProcessResult serial = run_process(
      {cli_path(), "ratchet", "-n", "1", "--", "--test-dir", work_path("split_check")}, options);
  EXPECT_EQ(serial.exit_code, 0) << serial.output;
  EXPECT_EQ(serial.output.find("bounding unit"), std::string::npos) << serial.output;
}

}  // namespace
}  // namespace kitty_it

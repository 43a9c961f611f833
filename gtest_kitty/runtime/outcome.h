// The outcome of a selected run, as ctest should see it: a file whose tests
// all skipped is "Skipped" (kExitSkipped), never "Passed"; a failure anywhere
// is "Failed", even if other tests skipped.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kitty::internal {

struct OutcomeCounts {
  bool started = false;  // false for --gtest_list_tests and --help: nothing was to run
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  bool any_iteration_failed = false;  // includes failures outside tests
};

// RUN_ALL_TESTS()'s result as kitty reports it for a selection.
int selection_exit_code(int gtest_result, const OutcomeCounts& counts);

// Counts outcomes across all iterations (--gtest_repeat). When the run had a
// selection and `exit_on_skip` is set, it ends the process with
// kExitSkipped from OnTestProgramEnd if nothing passed or failed.
//
// It also keeps a process that ends early from passing: exit() called while
// the tests run (by a test, a fixture, an environment) ends the process with
// kExitPrematureExit, naming the test it was in. (_exit() and quick_exit()
// bypass this; the launcher sees those through GoogleTest's
// TEST_PREMATURE_EXIT_FILE.) With a `rerun_prefix` (rerun.h), the failed
// tests' rerun command is printed at the end.
class OutcomeListener : public testing::EmptyTestEventListener {
 public:
  explicit OutcomeListener(bool exit_on_skip, std::string rerun_prefix = {});

  void OnTestProgramStart(const testing::UnitTest& unit_test) override;
  void OnTestStart(const testing::TestInfo& info) override;
  void OnTestEnd(const testing::TestInfo& info) override;
  void OnTestIterationEnd(const testing::UnitTest& unit_test, int iteration) override;
  void OnTestProgramEnd(const testing::UnitTest& unit_test) override;

  const OutcomeCounts& counts() const { return counts_; }

 private:
  bool exit_on_skip_;
  std::string rerun_prefix_;
  std::vector<std::string> failed_tests_;  // of the first iteration, in order
  OutcomeCounts counts_;
};

}  // namespace kitty::internal

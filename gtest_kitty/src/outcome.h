// The outcome of a selected run, as ctest should see it: a file whose tests
// all skipped is "Skipped" (kExitSkipped), never "Passed"; a failure anywhere
// is "Failed", even if other tests skipped.
#pragma once

#include <gtest/gtest.h>

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
class OutcomeListener : public testing::EmptyTestEventListener {
 public:
  explicit OutcomeListener(bool exit_on_skip) : exit_on_skip_(exit_on_skip) {}

  void OnTestProgramStart(const testing::UnitTest& unit_test) override;
  void OnTestEnd(const testing::TestInfo& info) override;
  void OnTestIterationEnd(const testing::UnitTest& unit_test, int iteration) override;
  void OnTestProgramEnd(const testing::UnitTest& unit_test) override;

  const OutcomeCounts& counts() const { return counts_; }

 private:
  bool exit_on_skip_;
  OutcomeCounts counts_;
};

}  // namespace kitty::internal

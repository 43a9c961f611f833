#include "outcome.h"

#include <cstdio>
#include <cstdlib>

#include <gtest_kitty/kitty.h>

namespace kitty::internal {

int selection_exit_code(int gtest_result, const OutcomeCounts& counts) {
  if (!counts.started) return gtest_result;
  if (gtest_result != 0 || counts.failed > 0 || counts.any_iteration_failed) {
    return gtest_result != 0 ? gtest_result : 1;
  }
  // Nothing passed: every test that ran skipped, or (sharding) none ran.
  return counts.passed == 0 ? kExitSkipped : 0;
}

void OutcomeListener::OnTestProgramStart(const testing::UnitTest& /*unit_test*/) {
  counts_.started = true;
}

void OutcomeListener::OnTestEnd(const testing::TestInfo& info) {
  const testing::TestResult& result = *info.result();
  if (result.Failed()) {
    ++counts_.failed;
  } else if (result.Skipped()) {
    ++counts_.skipped;
  } else {
    ++counts_.passed;
  }
}

void OutcomeListener::OnTestIterationEnd(const testing::UnitTest& unit_test, int /*iteration*/) {
  if (unit_test.Failed()) counts_.any_iteration_failed = true;
}

void OutcomeListener::OnTestProgramEnd(const testing::UnitTest& unit_test) {
  if (!exit_on_skip_) return;
  if (selection_exit_code(unit_test.Passed() ? 0 : 1, counts_) != kExitSkipped) return;
  std::fflush(stdout);
  std::exit(kExitSkipped);
}

}  // namespace kitty::internal

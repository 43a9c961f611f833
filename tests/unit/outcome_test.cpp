#include "runtime/outcome.h"

#include <cstdlib>

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

namespace kitty::internal {
namespace {

// Counts of a run whose test program started (the usual case).
OutcomeCounts counts(int passed, int failed, int skipped, bool any_iteration_failed = false) {
  OutcomeCounts result;
  result.started = true;
  result.passed = passed;
  result.failed = failed;
  result.skipped = skipped;
  result.any_iteration_failed = any_iteration_failed;
  return result;
}

TEST(SelectionExitCode, ExitCodesAreDistinct) {
  // ctest tells skipped, failed and stale apart only by these.
  EXPECT_EQ(kExitSkipped, 77);
  EXPECT_EQ(kExitUsage, 64);
  EXPECT_EQ(kExitSelectionMismatch, 78);
}

TEST(SelectionExitCode, AllSkippedIsSkipped) {
  EXPECT_EQ(selection_exit_code(0, counts(0, 0, 3)), kExitSkipped);
  EXPECT_EQ(selection_exit_code(0, counts(0, 0, 1)), kExitSkipped);
}

TEST(SelectionExitCode, NothingRanIsSkipped) {
  // E.g. a GoogleTest shard that got none of the selected tests.
  EXPECT_EQ(selection_exit_code(0, counts(0, 0, 0)), kExitSkipped);
}

TEST(SelectionExitCode, PassedAndSkippedIsPassed) {
  EXPECT_EQ(selection_exit_code(0, counts(1, 0, 1)), 0);
  EXPECT_EQ(selection_exit_code(0, counts(5, 0, 0)), 0);
}

TEST(SelectionExitCode, SkippedAndFailedIsFailed) {
  EXPECT_EQ(selection_exit_code(1, counts(0, 1, 1)), 1);
  // Even if GoogleTest's own result were 0, a counted failure fails.
  EXPECT_EQ(selection_exit_code(0, counts(0, 1, 1)), 1);
}

TEST(SelectionExitCode, FailureOutsideATestFails) {
  // A failing SetUpTestSuite or global environment: no test failed, but the
  // iteration did.
  EXPECT_EQ(selection_exit_code(0, counts(0, 0, 2, true)), 1);
  EXPECT_EQ(selection_exit_code(0, counts(3, 0, 0, true)), 1);
}

TEST(SelectionExitCode, GoogleTestFailureWins) {
  EXPECT_EQ(selection_exit_code(1, counts(3, 0, 0)), 1);
  // Never "skipped" when GoogleTest says the run failed.
  EXPECT_EQ(selection_exit_code(1, counts(0, 0, 2)), 1);
  EXPECT_EQ(selection_exit_code(1, counts(0, 0, 0)), 1);
}

TEST(SelectionExitCode, NonStandardGoogleTestResultIsKept) {
  EXPECT_EQ(selection_exit_code(3, counts(1, 0, 0)), 3);
}

TEST(SelectionExitCode, ProgramThatNeverStartedKeepsGoogleTestsResult) {
  // --gtest_list_tests or --help: nothing was meant to run, so "nothing
  // passed" is not a skip.
  const OutcomeCounts not_started;
  EXPECT_EQ(selection_exit_code(0, not_started), 0);
  EXPECT_EQ(selection_exit_code(1, not_started), 1);
}

TEST(OutcomeListener, ProgramStartMarksTheRunStarted) {
  OutcomeListener listener(/*exit_on_skip=*/false);
  EXPECT_FALSE(listener.counts().started);
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_TRUE(listener.counts().started);
}

TEST(OutcomeListener, CountsAPassingTestAsPassed) {
  OutcomeListener listener(/*exit_on_skip=*/false);
  // This very test has not failed or skipped so far.
  listener.OnTestEnd(*testing::UnitTest::GetInstance()->current_test_info());
  EXPECT_EQ(listener.counts().passed, 1);
  EXPECT_EQ(listener.counts().failed, 0);
  EXPECT_EQ(listener.counts().skipped, 0);
}

TEST(OutcomeListenerDeathTest, ExitsSkippedWhenNothingPassedAndAskedTo) {
  OutcomeListener listener(/*exit_on_skip=*/true);
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EXIT(listener.OnTestProgramEnd(*testing::UnitTest::GetInstance()),
              testing::ExitedWithCode(kExitSkipped), "");
}

TEST(OutcomeListenerDeathTest, DoesNotExitWhenATestPassed) {
  OutcomeListener listener(/*exit_on_skip=*/true);
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  listener.OnTestEnd(*testing::UnitTest::GetInstance()->current_test_info());
  // Exit code 0 proves OnTestProgramEnd returned instead of exiting 77.
  EXPECT_EXIT(
      {
        listener.OnTestProgramEnd(*testing::UnitTest::GetInstance());
        std::exit(0);
      },
      testing::ExitedWithCode(0), "");
}

TEST(OutcomeListenerDeathTest, DoesNotExitWhenTheProgramNeverStarted) {
  // --gtest_list_tests ends without OnTestProgramStart: exit as GoogleTest does.
  OutcomeListener listener(/*exit_on_skip=*/true);
  EXPECT_EXIT(
      {
        listener.OnTestProgramEnd(*testing::UnitTest::GetInstance());
        std::exit(0);
      },
      testing::ExitedWithCode(0), "");
}

TEST(OutcomeListenerDeathTest, DoesNotExitWithoutExitOnSkip) {
  OutcomeListener listener(/*exit_on_skip=*/false);
  listener.OnTestProgramStart(*testing::UnitTest::GetInstance());
  EXPECT_EXIT(
      {
        listener.OnTestProgramEnd(*testing::UnitTest::GetInstance());
        std::exit(0);
      },
      testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace kitty::internal

#include "runtime/outcome.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <gtest_kitty/kitty.h>

#include "common/settings.h"
#include "platform/process.h"
#include "runtime/rerun.h"

namespace kitty::internal {
namespace {

// What the exit handler needs, in plain storage: it runs while the process
// ends, after static objects may already be gone.
struct RunningState {
  ProcessId pid = 0;  // the process that runs the tests (not a fork of it)
  bool in_program = false;
  char test[512] = {};  // the test running now, empty between tests
};
RunningState g_running;

void exit_during_tests() {
  if (!g_running.in_program || current_process_id() != g_running.pid) return;
  std::fflush(stdout);
  std::fprintf(stderr,
               "gtest_kitty: exit() was called %s%s, before GoogleTest's end of the run: the "
               "tests after it did not run\n",
               g_running.test[0] != '\0' ? "during " : "between tests", g_running.test);
  std::fflush(stderr);
  std::_Exit(kExitPrematureExit);
}

}  // namespace

OutcomeListener::OutcomeListener(bool exit_on_skip, std::string rerun_prefix)
    : exit_on_skip_(exit_on_skip), rerun_prefix_(std::move(rerun_prefix)) {}

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
  static const bool registered = std::atexit(exit_during_tests) == 0;
  g_running.pid = registered ? current_process_id() : 0;
  g_running.in_program = registered;
}

void OutcomeListener::OnTestStart(const testing::TestInfo& info) {
  const std::string name = std::string(info.test_suite_name()) + "." + info.name();
  std::strncpy(g_running.test, name.c_str(), sizeof g_running.test - 1);
}

void OutcomeListener::OnTestEnd(const testing::TestInfo& info) {
  g_running.test[0] = '\0';
  const testing::TestResult& result = *info.result();
  if (result.Failed()) {
    ++counts_.failed;
    const std::string name = std::string(info.test_suite_name()) + "." + info.name();
    if (std::find(failed_tests_.begin(), failed_tests_.end(), name) == failed_tests_.end()) {
      failed_tests_.push_back(name);
    }
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
  g_running.in_program = false;
  if (!rerun_prefix_.empty() && !failed_tests_.empty()) {
    std::printf("gtest_kitty: rerun the failed test%s alone: %s\n",
                failed_tests_.size() == 1 ? "" : "s",
                rerun_command(rerun_prefix_, failed_tests_).c_str());
  }
  if (!exit_on_skip_) return;
  if (selection_exit_code(unit_test.Passed() ? 0 : 1, counts_) != kExitSkipped) return;
  // Ending here, inside GoogleTest's run, is no early exit: the run is over.
  if (const char* premature = read_setting("TEST_PREMATURE_EXIT_FILE")) std::remove(premature);
  std::fflush(stdout);
  std::exit(kExitSkipped);
}

}  // namespace kitty::internal

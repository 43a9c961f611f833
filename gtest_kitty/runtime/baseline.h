// The isolated baseline of a test process, and the listener that re-asserts
// it before every test, so that a test that changed HOME (or any isolated
// variable) cannot leak the change into the next one.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "isolation/isolation.h"
#include "isolation/setup.h"

namespace kitty::internal {

// What kitty::home(), run_id() and worker_index() report.
struct IsolationState {
  bool active = false;
  bool owned = false;  // made by this process (a direct run), not by the launcher
  Isolation process;
  long long launched_us = 0;  // the launcher's start, from its hand-over; 0 without one
  std::string current_home;   // the running test's home under HomeScope::kTest
};

IsolationState& isolation_state();

// Restores, before each test, the variables of the suite's baseline: the
// process's isolated values plus whatever the suite's SetUpTestSuite set.
// With HomeScope::kTest every test gets fresh directories of its own, removed
// when it passes. A process that made its own isolation removes it at the
// end of a passing run and names it after a failing one, or when a signal
// ends it first.
class BaselineListener : public testing::EmptyTestEventListener {
 public:
  explicit BaselineListener(HomeScope scope) : scope_(scope) {}

  void OnTestProgramStart(const testing::UnitTest& unit_test) override;
  void OnTestSuiteStart(const testing::TestSuite& suite) override;
  void OnTestStart(const testing::TestInfo& info) override;
  void OnTestEnd(const testing::TestInfo& info) override;
  void OnTestProgramEnd(const testing::UnitTest& unit_test) override;

 private:
  HomeScope scope_;
  Variables suite_baseline_;
  bool suite_baseline_taken_ = false;
  int test_number_ = 0;
  std::string test_dir_;
  std::string kept_test_dir_;  // where test_dir_ ends up when kept
};

// The isolated variables that are set, with their values.
Variables current_variables();

// Sets the variables of `baseline` and unsets the other isolated variables,
// so that one a suite unset stays unset.
void restore_variables(const Variables& baseline);

}  // namespace kitty::internal

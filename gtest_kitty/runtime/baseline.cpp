#include "runtime/baseline.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <gtest_kitty/kitty.h>

#include "common/settings.h"
#include "isolation/finish.h"
#include "platform/environment.h"
#include "platform/killed_notice.h"

namespace kitty::internal {

IsolationState& isolation_state() {
  static IsolationState state;
  return state;
}

Variables current_variables() {
  Variables variables;
  for (const std::string& name : isolated_variable_names()) {
    const char* value = read_setting(name);
    if (value != nullptr) variables.emplace_back(name, value);
  }
  return variables;
}

void restore_variables(const Variables& baseline) {
  for (const std::string& name : isolated_variable_names()) {
    bool in_baseline = false;
    for (const auto& [baseline_name, value] : baseline) in_baseline |= baseline_name == name;
    if (!in_baseline) unset_variable(name);
  }
  set_variables(baseline);
}

void BaselineListener::OnTestSuiteStart(const testing::TestSuite& /*suite*/) {
  restore_variables(isolation_state().process.variables);
  suite_baseline_taken_ = false;
}

void BaselineListener::OnTestStart(const testing::TestInfo& /*info*/) {
  if (!suite_baseline_taken_) {
    suite_baseline_ = current_variables();  // after SetUpTestSuite
    suite_baseline_taken_ = true;
  } else {
    restore_variables(suite_baseline_);
  }
  if (scope_ != HomeScope::kTest) return;
  IsolationResult scope = create_test_scope(isolation_state().process, ++test_number_);
  if (!scope.error.empty()) {
    ADD_FAILURE() << "gtest_kitty: cannot create this test's home: " << scope.error;
    return;
  }
  test_dir_ = scope.isolation.process_dir;
  kept_test_dir_ = kept_path(scope.isolation);
  isolation_state().current_home = scope.isolation.home;
  set_variables(scope.isolation.variables);
}

void BaselineListener::OnTestEnd(const testing::TestInfo& info) {
  restore_variables(suite_baseline_);
  if (test_dir_.empty()) return;
  const Finished finished = finish_test_scope(test_dir_, verdict_ending(info.result()->Failed()));
  if (!finished.passed) {
    // Where it will be once the process is over (the launcher moves a home
    // made in the scratch to the base).
    std::printf("gtest_kitty: kept the home of %s.%s: %s\n", info.test_suite_name(), info.name(),
                kept_test_dir_.c_str());
  }
  test_dir_.clear();
  isolation_state().current_home = isolation_state().process.home;
}

void BaselineListener::OnTestProgramStart(const testing::UnitTest& /*unit_test*/) {
  // A run by hand killed before its end (`./tests | head`) says where its
  // home stays; under the launcher, the launcher does.
  if (isolation_state().owned) name_home_if_killed(isolation_state().process.process_dir);
}

void BaselineListener::OnTestProgramEnd(const testing::UnitTest& unit_test) {
  const IsolationState& state = isolation_state();
  if (!state.owned) return;  // the launcher decides
  const Ending ending = verdict_ending(unit_test.Failed());
  if (passed(ending)) name_home_if_killed("");  // being removed: no home to name
  const Finished finished = finish_process(state.process, ending);
  if (finished.passed) {
    if (!finished.said.empty()) std::fprintf(stderr, "gtest_kitty: %s\n", finished.said.c_str());
  } else {
    // Said in its own words (a run, not a process the launcher started).
    std::printf("gtest_kitty: kept the isolated home of this failed run: %s\n",
                state.process.process_dir.c_str());
  }
}

}  // namespace kitty::internal

namespace kitty {

std::string home() {
  const internal::IsolationState& state = internal::isolation_state();
  return state.active ? state.current_home : std::string();
}

std::string run_id() {
  const internal::IsolationState& state = internal::isolation_state();
  return state.active ? state.process.run_id : std::string();
}

int worker_index() {
  const internal::IsolationState& state = internal::isolation_state();
  return state.active ? state.process.worker_index : -1;
}

}  // namespace kitty

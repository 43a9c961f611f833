#include "runtime/baseline.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include "isolation/isolation.h"
#include "portable_test_support.h"
#ifndef _WIN32
#include "isolation_test_support.h"  // mode_of
#endif

namespace kitty::internal {
namespace {

using test_support::entries;
using test_support::env;
using test_support::EnvironmentGuard;
using test_support::exists;
using test_support::is_directory;
using test_support::make_directory;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::ElementsAre;

// Drives a BaselineListener of its own with real GoogleTest objects (those of
// the running test) against a made-up process isolation below a scratch
// directory. This binary runs isolated itself: the real environment and
// isolation_state() are put back when the test ends.
class BaselineListenerTest : public ::testing::Test {
 protected:
  BaselineListenerTest()
      : saved_state_(isolation_state()),
        process_dir_(scratch_.path() + "/process"),
        home_(process_dir_ + "/home"),
        tmp_(process_dir_ + "/tmp") {
    make_directory(process_dir_);
    make_directory(home_);
    make_directory(tmp_);
    IsolationState& state = isolation_state();
    state = IsolationState{};
    state.active = true;
    state.process.run_id = "run-7";
    state.process.worker_index = 4;
    state.process.run_dir = scratch_.path();
    state.process.process_dir = process_dir_;
    state.process.home = home_;
    state.process.tmp = tmp_;
    state.process.variables = variables_for(home_, tmp_);
    state.current_home = home_;
  }
  ~BaselineListenerTest() override { isolation_state() = saved_state_; }

  static const testing::TestSuite& suite() {
    return *testing::UnitTest::GetInstance()->current_test_suite();
  }
  // The running test: it has not failed, so the listener takes it as passing.
  static const testing::TestInfo& test() {
    return *testing::UnitTest::GetInstance()->current_test_info();
  }

  Variables process_baseline() const { return variables_for(home_, tmp_); }

  EnvironmentGuard guard_{isolated_variable_names()};
  ScratchDir scratch_;
  IsolationState saved_state_;
  std::string process_dir_;
  std::string home_;
  std::string tmp_;
};

TEST_F(BaselineListenerTest, TestSuiteStartRestoresTheProcessBaseline) {
  BaselineListener listener(HomeScope::kProcess);
  set_variable("HOME", "/changed/home");
  set_variable("TMPDIR", "/changed/tmp");
  unset_variable("XDG_CACHE_HOME");

  listener.OnTestSuiteStart(suite());
  EXPECT_EQ(current_variables(), process_baseline());
}

TEST_F(BaselineListenerTest, FirstTestStartKeepsWhatSetUpTestSuiteSet) {
  BaselineListener listener(HomeScope::kProcess);
  listener.OnTestSuiteStart(suite());
  set_variable("HOME", "/suite/home");  // what SetUpTestSuite did
  set_variable("XDG_CACHE_HOME", "/suite/cache");
  const Variables suite_baseline = current_variables();
  ASSERT_NE(suite_baseline, process_baseline());

  listener.OnTestStart(test());
  EXPECT_EQ(current_variables(), suite_baseline);
  EXPECT_EQ(env("HOME"), "/suite/home");
}

TEST_F(BaselineListenerTest, LaterTestStartsAndEveryTestEndRestoreTheSuiteBaseline) {
  BaselineListener listener(HomeScope::kProcess);
  listener.OnTestSuiteStart(suite());
  set_variable("HOME", "/suite/home");
  const Variables suite_baseline = current_variables();

  listener.OnTestStart(test());
  set_variable("HOME", "/test1/home");  // the first test's body
  set_variable("TMPDIR", "/test1/tmp");
  unset_variable("XDG_DATA_HOME");
  listener.OnTestEnd(test());
  EXPECT_EQ(current_variables(), suite_baseline);

  set_variable("USERPROFILE", "/between/tests");  // e.g. another listener
  listener.OnTestStart(test());
  EXPECT_EQ(current_variables(), suite_baseline);

  set_variable("TEST_TMPDIR", "/test2/tmp");
  set_variable("XDG_STATE_HOME", "/test2/state");
  listener.OnTestEnd(test());
  EXPECT_EQ(current_variables(), suite_baseline);
}

TEST_F(BaselineListenerTest, NextSuiteStartsAgainFromTheProcessBaseline) {
  BaselineListener listener(HomeScope::kProcess);
  listener.OnTestSuiteStart(suite());
  set_variable("HOME", "/suite-a/home");
  listener.OnTestStart(test());
  listener.OnTestEnd(test());
  EXPECT_EQ(env("HOME"), "/suite-a/home");

  listener.OnTestSuiteStart(suite());
  EXPECT_EQ(current_variables(), process_baseline());
  set_variable("HOME", "/suite-b/home");  // the second suite's SetUpTestSuite
  listener.OnTestStart(test());
  EXPECT_EQ(env("HOME"), "/suite-b/home");
  set_variable("HOME", "/test/home");
  listener.OnTestEnd(test());
  EXPECT_EQ(env("HOME"), "/suite-b/home");
}

// A variable the suite's SetUpTestSuite unset stays unset for every test
// of the suite, not set to "": code may tell unset from empty.
TEST_F(BaselineListenerTest, AVariableSetUpTestSuiteUnsetStaysUnset) {
  BaselineListener listener(HomeScope::kProcess);
  listener.OnTestSuiteStart(suite());
  unset_variable("XDG_CONFIG_HOME");  // what SetUpTestSuite did

  listener.OnTestStart(test());
  EXPECT_EQ(env("XDG_CONFIG_HOME"), "<unset>");
  listener.OnTestEnd(test());
  EXPECT_EQ(env("XDG_CONFIG_HOME"), "<unset>");
  listener.OnTestStart(test());
  EXPECT_EQ(env("XDG_CONFIG_HOME"), "<unset>");
}

TEST_F(BaselineListenerTest, TestScopeGivesEachTestAFreshHome) {
  BaselineListener listener(HomeScope::kTest);
  listener.OnTestSuiteStart(suite());

  listener.OnTestStart(test());
  const std::string dir = process_dir_ + "/test-1";
  EXPECT_EQ(current_variables(), variables_for(dir + "/home", dir + "/tmp"));
  EXPECT_EQ(kitty::home(), dir + "/home");
  EXPECT_THAT(entries(dir), ElementsAre("home", "tmp"));
  EXPECT_THAT(entries(dir + "/home"), ElementsAre(".cache", ".config", ".local", "AppData"));
#ifndef _WIN32  // Windows has no mode bits: a profile's ACL is the owner's
  for (const std::string& path : {dir, dir + "/home", dir + "/home/.local/share", dir + "/tmp"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(test_support::mode_of(path), 0700);
  }
#endif
  write_file(dir + "/home/left-behind", "x");

  listener.OnTestEnd(test());  // a passing test: its home goes
  EXPECT_FALSE(exists(dir));
  EXPECT_TRUE(is_directory(home_));
  EXPECT_EQ(current_variables(), process_baseline());
  EXPECT_EQ(kitty::home(), home_);

  listener.OnTestStart(test());
  EXPECT_EQ(env("HOME"), process_dir_ + "/test-2/home");
  EXPECT_EQ(kitty::home(), process_dir_ + "/test-2/home");
  listener.OnTestEnd(test());
  EXPECT_THAT(entries(process_dir_), ElementsAre("home", "tmp"));
}

TEST_F(BaselineListenerTest, TestScopeEndRestoresTheSuiteBaseline) {
  BaselineListener listener(HomeScope::kTest);
  listener.OnTestSuiteStart(suite());
  set_variable("HOME", "/suite/home");  // SetUpTestSuite
  const Variables suite_baseline = current_variables();

  listener.OnTestStart(test());
  EXPECT_EQ(env("HOME"), process_dir_ + "/test-1/home");  // the test's own wins
  listener.OnTestEnd(test());
  EXPECT_EQ(current_variables(), suite_baseline);
}

TEST_F(BaselineListenerTest, TestScopeThatCannotBeMadeFailsTheTestAndKeepsTheBaseline) {
  BaselineListener listener(HomeScope::kTest);
  isolation_state().process.process_dir = scratch_.path() + "/gone";
  listener.OnTestSuiteStart(suite());

  EXPECT_NONFATAL_FAILURE(listener.OnTestStart(test()),
                          "gtest_kitty: cannot create this test's home: cannot create " +
                              scratch_.path() + "/gone/test-1");
  EXPECT_EQ(current_variables(), process_baseline());
  EXPECT_EQ(kitty::home(), home_);
  listener.OnTestEnd(test());
  EXPECT_EQ(current_variables(), process_baseline());
  EXPECT_FALSE(exists(scratch_.path() + "/gone"));
}

TEST_F(BaselineListenerTest, ProgramEndLeavesALaunchersIsolationAlone) {
  BaselineListener listener(HomeScope::kProcess);
  isolation_state().owned = false;
  listener.OnTestProgramEnd(*testing::UnitTest::GetInstance());
  EXPECT_THAT(entries(process_dir_), ElementsAre("home", "tmp"));
}

TEST_F(BaselineListenerTest, ProgramEndOfADirectRunRemovesItsIsolationOnlyWhenPassed) {
  BaselineListener listener(HomeScope::kProcess);
  isolation_state().owned = true;
  const testing::UnitTest& unit_test = *testing::UnitTest::GetInstance();
  const bool passed = unit_test.Passed();  // this whole binary so far
  listener.OnTestProgramEnd(unit_test);
  EXPECT_EQ(exists(process_dir_), !passed);
}

TEST_F(BaselineListenerTest, PublicAccessorsReportTheIsolationState) {
  EXPECT_EQ(kitty::home(), home_);
  EXPECT_EQ(kitty::run_id(), "run-7");
  EXPECT_EQ(kitty::worker_index(), 4);

  isolation_state().current_home = "/a/test/home";
  EXPECT_EQ(kitty::home(), "/a/test/home");

  isolation_state().active = false;  // isolation off
  EXPECT_EQ(kitty::home(), "");
  EXPECT_EQ(kitty::run_id(), "");
  EXPECT_EQ(kitty::worker_index(), -1);
}

TEST(CurrentVariables, ReadsTheSetVariablesAndLeavesOutUnsetOnes) {
  EnvironmentGuard guard(isolated_variable_names());
  set_variables(variables_for("/cv/h", "/cv/t"));
  unset_variable("USERPROFILE");
  Variables expected = variables_for("/cv/h", "/cv/t");
  expected.erase(expected.begin() + 1);  // USERPROFILE
  EXPECT_EQ(current_variables(), expected);
}

TEST(RestoreVariables, UnsetsIsolatedVariablesMissingFromTheBaseline) {
  EnvironmentGuard guard(isolated_variable_names());
  set_variables(variables_for("/rv/h", "/rv/t"));
  restore_variables({{"HOME", "/rv/other"}});
  EXPECT_EQ(current_variables(), (Variables{{"HOME", "/rv/other"}}));
}

}  // namespace
}  // namespace kitty::internal

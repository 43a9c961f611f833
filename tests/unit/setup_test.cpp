// Setting a process up (isolation/setup.h): the one validation of
// KITTY_ISOLATION and KITTY_HOME_SCOPE the launcher and the binary share,
// and the set-up itself, from an injected environment.
#include "isolation/setup.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "isolation_test_support.h"

namespace kitty::internal {
namespace {

using test_support::entries;
using test_support::ScratchDir;

Environment injected(const std::map<std::string, std::string>& values) {
  return [values](const char* name) -> const char* {
    const auto found = values.find(name);
    return found != values.end() ? found->second.c_str() : nullptr;
  };
}

TEST(IsolationChoice, UnsetEmptyAndOnIsolateByProcess) {
  for (const auto& values : std::vector<std::map<std::string, std::string>>{
           {}, {{"KITTY_ISOLATION", ""}}, {{"KITTY_ISOLATION", "on"}}}) {
    const Result<IsolationChoice> choice = isolation_choice(injected(values));
    ASSERT_TRUE(choice.ok());
    EXPECT_TRUE(choice->enabled);
    EXPECT_EQ(choice->scope, HomeScope::kProcess);
  }
}

TEST(IsolationChoice, OffReadsNothingElse) {
  const Result<IsolationChoice> choice =
      isolation_choice(injected({{"KITTY_ISOLATION", "off"}, {"KITTY_HOME_SCOPE", "bad"}}));
  ASSERT_TRUE(choice.ok());
  EXPECT_FALSE(choice->enabled);
}

TEST(IsolationChoice, TestScope) {
  const Result<IsolationChoice> choice = isolation_choice(injected({{"KITTY_HOME_SCOPE", "test"}}));
  ASSERT_TRUE(choice.ok());
  EXPECT_EQ(choice->scope, HomeScope::kTest);
}

TEST(IsolationChoice, AnyOtherValueIsAUsageError) {
  for (const char* value : {"OFF", "0", "false", "yes", "on "}) {
    SCOPED_TRACE(value);
    const Result<IsolationChoice> choice = isolation_choice(injected({{"KITTY_ISOLATION", value}}));
    ASSERT_FALSE(choice.ok());
    EXPECT_EQ(choice.failure().category, Category::kUsage);
    EXPECT_EQ(choice.failure().message,
              std::string("KITTY_ISOLATION must be on or off, not '") + value + "'");
  }
  const Result<IsolationChoice> scope = isolation_choice(injected({{"KITTY_HOME_SCOPE", "suite"}}));
  ASSERT_FALSE(scope.ok());
  EXPECT_EQ(scope.failure().category, Category::kUsage);
  EXPECT_EQ(scope.failure().message, "KITTY_HOME_SCOPE must be process or test, not 'suite'");
}

TEST(SetUpProcess, MakesTheIsolationWhereTheEnvironmentSays) {
  ScratchDir scratch;
  SetupRequest request;
  request.fallback_base = scratch.path() + "/fallback";
  request.default_run_id = "default-run";
  request.unit_name = "unit";
  const Result<Isolation> made = set_up_process(
      request, injected({{"KITTY_HOME_BASE", scratch.path() + "/base"}, {"KITTY_RUN_ID", "r1"}}));
  ASSERT_TRUE(made.ok()) << made.failure().message;
  EXPECT_EQ(made->run_dir, scratch.path() + "/base/r1");
  EXPECT_EQ(made->process_dir.rfind(scratch.path() + "/base/r1/unit.", 0), 0u);
  EXPECT_EQ(made->worker_index, 0);
}

TEST(SetUpProcess, ABadRetentionSettingIsAUsageErrorBeforeAnythingIsMade) {
  ScratchDir scratch;
  SetupRequest request;
  request.fallback_base = scratch.path() + "/base";
  request.default_run_id = "r";
  const Result<Isolation> made = set_up_process(request, injected({{"KITTY_KEEP_RUNS", "0"}}));
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.failure().category, Category::kUsage);
  EXPECT_EQ(made.failure().message,
            "KITTY_KEEP_RUNS must be a number of runs from 1 to 1000, not '0'");
  EXPECT_TRUE(entries(scratch.path()).empty());
}

TEST(SetUpProcess, DirectoriesThatCannotBeMadeAreAnIsolationFailure) {
  ScratchDir scratch;
  test_support::write_file(scratch.path() + "/file", "");
  SetupRequest request;
  request.fallback_base = scratch.path() + "/file/base";
  request.default_run_id = "r";
  const Result<Isolation> made = set_up_process(request, injected({}));
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.failure().category, Category::kIsolation);
  EXPECT_EQ(made.failure().message.rfind("cannot isolate HOME: ", 0), 0u) << made.failure().message;
}

// A run is pruned for once, by the process that makes its directory: the
// other processes of the run join it without a walk of the base. Planted:
// an old run that retention lets go, and two more processes of the run
// started after it was made by hand; only a new run prunes it.
TEST(SetUpProcess, OnlyTheProcessThatMakesTheRunPrunes) {
  ScratchDir scratch;
  const std::string base = scratch.path() + "/base";
  const auto set_up = [&](const std::string& run_id) {
    SetupRequest request;
    request.fallback_base = base;
    request.default_run_id = run_id;
    const Result<Isolation> made = set_up_process(
        request,
        injected(
            {{"KITTY_KEEP_RUNS", "1"}, {"KITTY_KEEP_FAILED_RUNS", "0"}, {"KITTY_KEEP_DAYS", "0"}}));
    EXPECT_TRUE(made.ok()) << made.failure().message;
    if (!made.ok()) return false;
    close(made->worker_lock_fd);  // the process has ended: its run is not live
    return made->made_run;
  };
  EXPECT_TRUE(set_up("old"));
  ASSERT_EQ(entries(base), (std::vector<std::string>{"old"}));

  test_support::make_directory(base + "/joined");
  EXPECT_FALSE(set_up("joined"));
  EXPECT_FALSE(set_up("joined"));
  EXPECT_EQ(entries(base), (std::vector<std::string>{"joined", "old"}));

  EXPECT_TRUE(set_up("new"));
  EXPECT_EQ(entries(base), (std::vector<std::string>{"new"}));
}

}  // namespace
}  // namespace kitty::internal

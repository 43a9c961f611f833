// Setting a process up (isolation/setup.h): the one validation of
// KITTY_ISOLATION and KITTY_HOME_SCOPE the launcher and the binary share,
// and the set-up itself, from an injected environment.
#include "isolation/setup.h"
#include "isolation/finish.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <set>
#include <sstream>
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

// Processes of one run that start at once (ctest -j): each gets its own
// worker lease and home, exactly one of them prunes, the old run it prunes
// goes, and when all have passed nothing of theirs is left. Ten rounds of
// eight processes, each held until all eight are set up, so that the
// leases are all live together.
TEST(SetUpProcess, ProcessesStartingAtOnceShareTheRunCorrectly) {
  constexpr int kProcesses = 8;
  for (int round = 0; round < 10; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    ScratchDir scratch;
    const std::string base = scratch.path() + "/base";
    const Environment environment = injected(
        {{"KITTY_KEEP_RUNS", "1"}, {"KITTY_KEEP_FAILED_RUNS", "0"}, {"KITTY_KEEP_DAYS", "0"}});
    SetupRequest old_run;
    old_run.fallback_base = base;
    old_run.default_run_id = "old";
    const Result<Isolation> old = set_up_process(old_run, environment);
    ASSERT_TRUE(old.ok());
    close(old->worker_lock_fd);

    int ready[2];
    int go[2];
    int told[2];
    ASSERT_EQ(pipe(ready), 0);
    ASSERT_EQ(pipe(go), 0);
    ASSERT_EQ(pipe(told), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < kProcesses; ++i) {
      const pid_t child = fork();
      ASSERT_GE(child, 0);
      if (child == 0) {
        SetupRequest request;
        request.fallback_base = base;
        request.default_run_id = "run";
        const Result<Isolation> made = set_up_process(request, environment);
        // One line per process: "<worker> <made_run> <home exists>" or "error".
        std::string line = "error\n";
        if (made.ok()) {
          line = std::to_string(made->worker_index) + " " + (made->made_run ? "1" : "0") + " " +
                 (test_support::is_directory(made->home + "/.local/share") ? "1" : "0") + "\n";
        }
        (void)!write(told[1], line.data(), line.size());
        close(told[1]);  // the parent reads the lines to their end
        (void)!write(ready[1], "r", 1);
        char byte = 0;
        (void)!read(go[0], &byte, 1);  // every lease is held until all are set up
        const bool removed = made.ok() && finish_process(*made, exit_ending(0)).said.empty();
        _exit(removed ? 0 : 1);
      }
      children.push_back(child);
    }
    close(ready[1]);
    close(told[1]);
    for (int i = 0; i < kProcesses; ++i) {
      char byte = 0;
      ASSERT_EQ(read(ready[0], &byte, 1), 1);
    }
    std::string lines;
    char buffer[256];
    for (ssize_t got; (got = read(told[0], buffer, sizeof buffer)) > 0;) {
      lines.append(buffer, static_cast<size_t>(got));
    }
    ASSERT_EQ(write(go[1], std::string(kProcesses, 'g').data(), kProcesses), kProcesses);
    for (const pid_t child : children) {
      int status = 0;
      ASSERT_EQ(waitpid(child, &status, 0), child);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    }
    for (int fd : {ready[0], go[0], go[1], told[0]}) close(fd);

    std::set<int> workers;
    int pruners = 0;
    std::istringstream parsed(lines);
    for (std::string worker, made_run, home; parsed >> worker;) {
      ASSERT_NE(worker, "error");
      parsed >> made_run >> home;
      workers.insert(std::stoi(worker));
      pruners += made_run == "1" ? 1 : 0;
      EXPECT_EQ(home, "1");
    }
    EXPECT_EQ(workers.size(), static_cast<size_t>(kProcesses));
    EXPECT_EQ(*workers.rbegin(), kProcesses - 1);  // the lowest free indexes
    EXPECT_EQ(pruners, 1);
    // The old run was pruned; no home of the run is left. The run itself
    // goes with its last process, unless the last two ended at once (each
    // then sees the other live): its marker and leases then wait for the
    // next prune, as a run's records do.
    const std::vector<std::string> left = entries(base);
    EXPECT_TRUE(left.empty() || left == std::vector<std::string>{"run"}) << left.size();
    if (!left.empty()) {
      EXPECT_EQ(entries(base + "/run"),
                (std::vector<std::string>{".kitty-run", ".told-earlier-runs", "workers"}));
    }
  }
}

}  // namespace
}  // namespace kitty::internal

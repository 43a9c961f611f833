#include "isolation/retention.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "isolation/isolation.h"
#include "isolation_test_support.h"

namespace kitty::internal {
namespace {

using test_support::can_create_in;
using test_support::entries;
using test_support::EnvironmentGuard;
using test_support::exists;
using test_support::Fd;
using test_support::FilePermissionsApply;
using test_support::HeldLock;
using test_support::is_directory;
using test_support::is_symlink;
using test_support::make_directory;
using test_support::make_symlink;
using test_support::read_file;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Sets the modification (and access) time of `path` itself to `seconds`
// since the epoch, so that "most recent" does not depend on timing.
void set_mtime(const std::string& path, long seconds) {
  const struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
  if (utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    throw std::runtime_error("cannot set the time of " + path + ": " + std::strerror(errno));
  }
}

enum class Outcome { kPassed, kKeptAHome };

// A run directory as its processes leave it: kitty's marker (naming the
// run's kind), workers/, records; and for a run with a failure, the process
// dir kept with a home holding a file.
void make_run(const std::string& run_dir, long mtime, Outcome outcome = Outcome::kPassed,
              const std::string& kind = "") {
  make_directory(run_dir);
  write_file(run_dir + "/" + kRunMarker, kind.empty() ? "" : kind + "\n");
  make_directory(run_dir + "/workers");
  write_file(run_dir + "/workers/0.lock", "");
  make_directory(run_dir + "/record");
  write_file(run_dir + "/record/0.jsonl", "{}");
  if (outcome == Outcome::kKeptAHome) {
    make_directory(run_dir + "/unit.abcdef");
    make_directory(run_dir + "/unit.abcdef/home");
    write_file(run_dir + "/unit.abcdef/home/state", "x");
  }
  set_mtime(run_dir + "/" + kRunMarker, mtime);  // when the run started
  set_mtime(run_dir, mtime);
}

// Keep `runs` runs, and a failed one `failed_runs` later runs or `days`.
RetentionPolicy keep(int runs, int failed_runs = 0, int days = 0) {
  RetentionPolicy policy;
  policy.keep_runs = runs;
  policy.keep_failed_runs = failed_runs;
  policy.keep_days = days;
  return policy;
}

TEST(PruneRuns, KeepsTheCurrentRunAndTheMostRecentOthers) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/current", 1000);  // the oldest of all, but current
  make_run(base + "/r1", 2000);
  make_run(base + "/r2", 3000);
  make_run(base + "/r3", 4000);
  make_run(base + "/r4", 6000);
  make_run(base + "/r5", 5000);  // names do not order runs; times do

  prune_runs(base, "current", keep(3));
  EXPECT_THAT(entries(base), ElementsAre("current", "r4", "r5"));
  EXPECT_EQ(read_file(base + "/current/record/0.jsonl"), "{}");
  EXPECT_EQ(read_file(base + "/r4/record/0.jsonl"), "{}");
}

TEST(PruneRuns, KeepOneKeepsOnlyTheCurrentRun) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/old", 1000);
  make_run(base + "/newer", 9000);  // newer than current, still not kept
  make_run(base + "/current", 5000);

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current"));
}

TEST(PruneRuns, FewerRunsThanKeptRemovesNothing) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/a", 1000);
  make_run(base + "/b", 2000);
  make_run(base + "/current", 3000);

  prune_runs(base, "current", keep(3));
  EXPECT_THAT(entries(base), ElementsAre("a", "b", "current"));
}

TEST(PruneRuns, CurrentRunThatDoesNotExistYetKeepsKeepMinusOneOthers) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/a", 1000);
  make_run(base + "/b", 2000);
  make_run(base + "/c", 3000);

  prune_runs(base, "current", keep(2));
  EXPECT_THAT(entries(base), ElementsAre("c"));
}

TEST(PruneRuns, NeverRemovesARunWhoseWorkerLeaseIsHeld) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/live", 1000, Outcome::kKeptAHome);  // oldest: first in line for removal
  write_file(base + "/live/workers/1.lock", "");
  write_file(base + "/live/workers/2.lock", "");
  make_run(base + "/dead", 2000);
  make_run(base + "/current", 3000);
  HeldLock lease(base + "/live/workers/1.lock");  // a process of that run still runs

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current", "live"));
  EXPECT_EQ(read_file(base + "/live/unit.abcdef/home/state"), "x");

  lease.release();  // that process ended
  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current"));
}

TEST(PruneRuns, NeverRemovesARunLeasedThroughCreateIsolation) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  IsolationSettings settings;
  settings.base = base;
  settings.run_id = "live";
  const IsolationResult made = create_isolation(settings);
  Fd lease(made.isolation.worker_lock_fd);
  ASSERT_EQ(made.error, "");
  set_mtime(base + "/live", 1000);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current", "live"));
  EXPECT_TRUE(is_directory(made.isolation.home));

  lease.reset();
  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current"));
}

TEST(PruneRuns, NeverFollowsASymlinkedRunOutOfTheBase) {
  ScratchDir scratch;
  const std::string outside = scratch.path() + "/outside";
  make_run(outside, 500, Outcome::kKeptAHome);
  write_file(outside + "/precious", "keep me");
  const std::string base = scratch.path() + "/base";
  make_directory(base);
  make_symlink(outside, base + "/linked-run");
  make_run(base + "/old", 1000);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current", "linked-run"));  // the link is left alone
  EXPECT_TRUE(is_symlink(base + "/linked-run"));
  EXPECT_THAT(entries(outside),
              ElementsAre(kRunMarker, "precious", "record", "unit.abcdef", "workers"));
  EXPECT_EQ(read_file(outside + "/precious"), "keep me");
  EXPECT_EQ(read_file(outside + "/unit.abcdef/home/state"), "x");
}

TEST(PruneRuns, RemovingARunDoesNotFollowLinksInsideIt) {
  ScratchDir scratch;
  const std::string outside = scratch.path() + "/outside";
  make_directory(outside);
  write_file(outside + "/precious", "keep me");
  const std::string base = scratch.path() + "/base";
  make_directory(base);
  make_run(base + "/old", 1000, Outcome::kKeptAHome);
  make_symlink(outside, base + "/old/unit.abcdef/home/link");
  set_mtime(base + "/old", 1000);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current"));
  EXPECT_THAT(entries(outside), ElementsAre("precious"));
  EXPECT_EQ(read_file(outside + "/precious"), "keep me");
}

// Pruning touches only runs kitty made (with its marker): with
// KITTY_HOME_BASE=/tmp it must not remove anyone else's directories.
TEST(PruneRuns, LeavesDirectoriesThatAreNotRunsAlone) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_directory(base + "/someone-elses");
  write_file(base + "/someone-elses/data", "precious");
  set_mtime(base + "/someone-elses", 100);
  make_run(base + "/old", 1000);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current", "someone-elses"));
  EXPECT_EQ(read_file(base + "/someone-elses/data"), "precious");
}

TEST(PruneRuns, LeavesFilesInTheBaseAlone) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  write_file(base + "/notes.txt", "mine");
  set_mtime(base + "/notes.txt", 100);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current", "notes.txt"));
  EXPECT_EQ(read_file(base + "/notes.txt"), "mine");
}

TEST(PruneRuns, MissingBaseIsNotAnError) {
  ScratchDir scratch;
  prune_runs(scratch.path() + "/never-made", "current", keep(1));
  EXPECT_THAT(entries(scratch.path()), IsEmpty());
}

// Evidence of a failure outlives runs that only passed: with room for two
// runs, the old failed one stays and the passing ones between go.
TEST(PruneRuns, ARunThatKeptAHomeOutlivesRunsThatOnlyPassed) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/failed", 1000, Outcome::kKeptAHome);
  make_run(base + "/p1", 2000);
  make_run(base + "/p2", 3000);
  make_run(base + "/p3", 4000);
  make_run(base + "/current", 5000);

  prune_runs(base, "current", keep(2, 10));
  EXPECT_THAT(entries(base), ElementsAre("current", "failed", "p3"));
  EXPECT_EQ(read_file(base + "/failed/unit.abcdef/home/state"), "x");
}

// A run of one process in `base`, as the launcher drives it: made, pruning
// the others, writing records, and retired after its process passed.
void run_one_passing_process(const std::string& base, const std::string& run_id,
                             const RetentionPolicy& policy) {
  IsolationSettings settings;
  settings.base = base;
  settings.run_id = run_id;
  const IsolationResult made = create_isolation(settings);
  if (!made.error.empty()) throw std::runtime_error(made.error);
  const Fd lease(made.isolation.worker_lock_fd);
  prune_runs(base, run_id, policy);
  make_directory(made.isolation.run_dir + "/record");
  retire_process(made.isolation, /*passed=*/true);
}

// Each later run counts, though the passing ones between are pruned.
TEST(PruneRuns, ARunThatKeptAHomeGoesAfterThatManyLaterRuns) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/failed", 1000, Outcome::kKeptAHome);
  run_one_passing_process(base, "r1", keep(1, 2));
  run_one_passing_process(base, "r2", keep(1, 2));
  EXPECT_THAT(entries(base), ElementsAre("failed", "r2"));
  run_one_passing_process(base, "r3", keep(1, 2));  // the third run after the failed one
  EXPECT_THAT(entries(base), ElementsAre("r3"));
}

// A run removed at its end (a discovery: nothing of it is left) is not a
// later run: a rebuild that lists every binary again evicts no evidence.
TEST(PruneRuns, ARunThatLeftNothingIsNotALaterRun) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/failed", 1000, Outcome::kKeptAHome);
  for (int listing = 0; listing < 5; ++listing) {
    IsolationSettings settings;
    settings.base = base;
    settings.run_id = "listing-" + std::to_string(listing);
    const IsolationResult made = create_isolation(settings);
    const Fd lease(made.isolation.worker_lock_fd);
    prune_runs(base, settings.run_id, keep(1, 2));
    EXPECT_EQ(retire_process(made.isolation, /*passed=*/true), "");
  }
  EXPECT_THAT(entries(base), ElementsAre("failed"));
}

TEST(PruneRuns, KeepDaysKeepsARunThatKeptAHomeThatLong) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  const long now = static_cast<long>(std::time(nullptr));
  make_run(base + "/failed-yesterday", now - 86400, Outcome::kKeptAHome);
  make_run(base + "/failed-last-week", now - 7 * 86400, Outcome::kKeptAHome);
  make_run(base + "/passed-yesterday", now - 86400 + 10);
  make_run(base + "/current", now);

  prune_runs(base, "current", keep(1, 0, 2));
  EXPECT_THAT(entries(base), ElementsAre("current", "failed-yesterday"));
}

// The tools' runs and runs by hand are weighed against their own kind: they
// never evict a user's run, and a user's run never evicts theirs.
TEST(PruneRuns, RunsOfOtherKindsNeitherCountNorGo) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/user-failed", 1000, Outcome::kKeptAHome);
  make_run(base + "/user-passed", 1500, Outcome::kPassed, kRunKindUser);
  make_run(base + "/direct-old", 1800, Outcome::kPassed, kRunKindDirect);
  for (int i = 0; i < 5; ++i) {
    make_run(base + "/tool-" + std::to_string(i), 2000 + i, Outcome::kPassed, kRunKindTool);
  }
  make_run(base + "/direct", 3000, Outcome::kPassed, kRunKindDirect);
  make_run(base + "/current-tool", 4000, Outcome::kPassed, kRunKindTool);

  prune_runs(base, "current-tool", keep(2, 1));  // a tool's run: only tool runs go
  EXPECT_THAT(entries(base), ElementsAre("current-tool", "direct", "direct-old", "tool-4",
                                         "user-failed", "user-passed"));
  make_run(base + "/current-user", 5000);
  prune_runs(base, "current-user", keep(2, 2));  // a user's run: only user runs go
  EXPECT_THAT(entries(base), ElementsAre("current-tool", "current-user", "direct", "direct-old",
                                         "tool-4", "user-failed", "user-passed"));
  prune_runs(base, "direct", keep(1));  // a run by hand: only runs by hand go
  EXPECT_THAT(entries(base), ElementsAre("current-tool", "current-user", "direct", "tool-4",
                                         "user-failed", "user-passed"));
}

// A process still setting up its isolation holds the marker's lock (before
// it has a lease): its run is not pruned from under it.
TEST(PruneRuns, NeverRemovesARunBeingSetUp) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/starting", 1000);
  make_run(base + "/current", 2000);
  const Fd marker(open((base + "/starting/" + kRunMarker).c_str(), O_RDONLY | O_CLOEXEC));
  ASSERT_EQ(flock(marker.get(), LOCK_SH), 0);

  prune_runs(base, "current", keep(1));
  EXPECT_THAT(entries(base), ElementsAre("current", "starting"));
}

// A run whose removal fails keeps its marker (removed last), so that a later
// prune, once the cause is gone, removes it: no run leaks for ever.
TEST(PruneRuns, ARunThatCannotBeRemovedKeepsItsMarkerAndGoesLater) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to give a directory to another user";
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/old", 1000);
  make_directory(base + "/old/theirs", 0755);
  write_file(base + "/old/theirs/file", "x");
  ASSERT_EQ(chown((base + "/old/theirs").c_str(), 65534, 65534), 0);
  set_mtime(base + "/old", 1000);
  make_run(base + "/current", 2000);

  {
    FilePermissionsApply not_the_owner(/*not_owner_of_others=*/true);
    ASSERT_FALSE(can_create_in(base + "/old/theirs"));  // really not removable
    prune_runs(base, "current", keep(1));
  }
  EXPECT_THAT(entries(base), ElementsAre("current", "old"));
  EXPECT_THAT(entries(base + "/old"), ElementsAre(kRunMarker, "theirs"));

  prune_runs(base, "current", keep(1));  // the cause gone (root may again)
  EXPECT_THAT(entries(base), ElementsAre("current"));
}

class RunsToKeep : public ::testing::Test {
 protected:
  RunsToKeep() { unsetenv("KITTY_KEEP_RUNS"); }

  // The runs retention_policy() keeps with KITTY_KEEP_RUNS set to `value`;
  // -1 when it reports an error.
  int keep(const char* value) {
    setenv("KITTY_KEEP_RUNS", value, 1);
    return keep_now();
  }
  int keep_now() {
    error_.clear();
    const RetentionPolicy policy = retention_policy(error_);
    return error_.empty() ? policy.keep_runs : -1;
  }

  EnvironmentGuard guard_{{"KITTY_KEEP_RUNS"}};
  std::string error_;
};

TEST_F(RunsToKeep, UnsetIsThree) {
  EXPECT_EQ(keep_now(), 3);
  EXPECT_EQ(error_, "");
}

TEST_F(RunsToKeep, EmptyIsThree) {
  EXPECT_EQ(keep(""), 3);
  EXPECT_EQ(error_, "");
}

TEST_F(RunsToKeep, ANumberInRangeIsTaken) {
  EXPECT_EQ(keep("5"), 5);
  EXPECT_EQ(error_, "");
  EXPECT_EQ(keep("1"), 1);
  EXPECT_EQ(error_, "");
  EXPECT_EQ(keep("1000"), 1000);
  EXPECT_EQ(error_, "");
}

TEST_F(RunsToKeep, AnythingElseIsAnErrorNamingTheValue) {
  for (const std::string value :
       {"0", "abc", "1001", "-3", "5x", "2.5", "99999999999999999999999"}) {
    SCOPED_TRACE(value);
    EXPECT_EQ(keep(value.c_str()), -1);
    EXPECT_EQ(error_,
              "KITTY_KEEP_RUNS must be a number of runs from 1 to 1000, not '" + value + "'");
  }
}

// The other variables of the policy, and their one-line errors.
class RetentionVariables : public ::testing::Test {
 protected:
  RetentionVariables() {
    for (const char* name :
         {"KITTY_KEEP_RUNS", "KITTY_KEEP_FAILED_RUNS", "KITTY_KEEP_DAYS", kRunKindVariable}) {
      unsetenv(name);
    }
  }
  RetentionPolicy policy() {
    error_.clear();
    return retention_policy(error_);
  }

  EnvironmentGuard guard_{
      {"KITTY_KEEP_RUNS", "KITTY_KEEP_FAILED_RUNS", "KITTY_KEEP_DAYS", kRunKindVariable}};
  std::string error_;
};

TEST_F(RetentionVariables, DefaultsKeepAFailedRunTenLaterRunsAndNoDays) {
  const RetentionPolicy defaults = policy();
  EXPECT_EQ(error_, "");
  EXPECT_EQ(defaults.keep_failed_runs, 10);
  EXPECT_EQ(defaults.keep_days, 0);
}

TEST_F(RetentionVariables, NumbersInRangeAreTaken) {
  setenv("KITTY_KEEP_FAILED_RUNS", "0", 1);
  setenv("KITTY_KEEP_DAYS", "14", 1);
  const RetentionPolicy taken = policy();
  EXPECT_EQ(error_, "");
  EXPECT_EQ(taken.keep_failed_runs, 0);
  EXPECT_EQ(taken.keep_days, 14);
}

TEST_F(RetentionVariables, MalformedNumbersAreOneLineErrors) {
  setenv("KITTY_KEEP_FAILED_RUNS", "lots", 1);
  policy();
  EXPECT_EQ(error_, "KITTY_KEEP_FAILED_RUNS must be a number of runs from 0 to 1000, not 'lots'");
  unsetenv("KITTY_KEEP_FAILED_RUNS");
  setenv("KITTY_KEEP_DAYS", "-1", 1);
  policy();
  EXPECT_EQ(error_, "KITTY_KEEP_DAYS must be a number of days from 0 to 3650, not '-1'");
}

TEST_F(RetentionVariables, RunKindIsToolDirectOrUnset) {
  setenv(kRunKindVariable, "tool", 1);
  policy();
  EXPECT_EQ(error_, "");
  setenv(kRunKindVariable, "direct", 1);  // gtest-kitty run's
  policy();
  EXPECT_EQ(error_, "");
  setenv(kRunKindVariable, "user", 1);
  policy();
  EXPECT_EQ(error_, "KITTY_RUN_KIND must be tool, direct or unset, not 'user'");
}

}  // namespace
}  // namespace kitty::internal

#include "retention.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "isolation.h"
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

// A run directory as a process leaves it: kitty's marker, workers/, a
// process dir with a home holding a file.
void make_run(const std::string& run_dir, long mtime) {
  make_directory(run_dir);
  write_file(run_dir + "/" + kRunMarker, "");
  make_directory(run_dir + "/workers");
  write_file(run_dir + "/workers/0.lock", "");
  make_directory(run_dir + "/unit.abcdef");
  make_directory(run_dir + "/unit.abcdef/home");
  write_file(run_dir + "/unit.abcdef/home/state", "x");
  set_mtime(run_dir, mtime);
}

TEST(RemoveTree, RemovesNestedDirectoriesAndFiles) {
  ScratchDir scratch;
  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  make_directory(tree + "/a");
  make_directory(tree + "/a/b");
  make_directory(tree + "/a/b/c");
  write_file(tree + "/top", "1");
  write_file(tree + "/a/b/c/deep", "2");
  write_file(tree + "/.hidden", "3");
  make_directory(tree + "/empty");

  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
  EXPECT_THAT(entries(scratch.path()), IsEmpty());
}

TEST(RemoveTree, RemovesAnUnwritableDirectoryAndAReadOnlyFile) {
  ScratchDir scratch;
  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  make_directory(tree + "/locked");
  write_file(tree + "/locked/inside", "1");
  make_directory(tree + "/locked/sub");
  write_file(tree + "/locked/sub/deeper", "2");
  ASSERT_EQ(chmod((tree + "/locked/sub").c_str(), 0500), 0);
  ASSERT_EQ(chmod((tree + "/locked").c_str(), 0500), 0);
  write_file(tree + "/read-only", "3");
  ASSERT_EQ(chmod((tree + "/read-only").c_str(), 0400), 0);

  FilePermissionsApply as_an_owner;
  ASSERT_FALSE(can_create_in(tree + "/locked"));  // really unwritable, even as root
  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
}

TEST(RemoveTree, RemovesAnUnreadableDirectory) {
  ScratchDir scratch;
  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  make_directory(tree + "/closed");
  write_file(tree + "/closed/inside", "1");
  ASSERT_EQ(chmod((tree + "/closed").c_str(), 0000), 0);

  FilePermissionsApply as_an_owner;
  ASSERT_THAT(entries(tree + "/closed"), IsEmpty());  // really unreadable, even as root
  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
}

// The key guarantee: links are removed, never what they point to.
TEST(RemoveTree, NeverFollowsASymlinkOutOfTheTree) {
  ScratchDir scratch;
  const std::string outside_dir = scratch.path() + "/outside";
  make_directory(outside_dir);
  write_file(outside_dir + "/precious", "keep me");
  make_directory(outside_dir + "/sub");
  write_file(outside_dir + "/sub/nested", "keep me too");
  const std::string outside_file = scratch.path() + "/outside-file";
  write_file(outside_file, "also keep me");

  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  make_directory(tree + "/home");
  make_symlink(outside_dir, tree + "/home/dir-link");
  make_symlink(outside_file, tree + "/home/file-link");
  make_symlink(outside_dir + "/", tree + "/dir-link-with-slash");
  make_symlink("../../outside", tree + "/home/relative-link");
  make_symlink(scratch.path() + "/nowhere", tree + "/dangling");

  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
  EXPECT_TRUE(is_directory(outside_dir));
  EXPECT_THAT(entries(outside_dir), ElementsAre("precious", "sub"));
  EXPECT_EQ(read_file(outside_dir + "/precious"), "keep me");
  EXPECT_EQ(read_file(outside_dir + "/sub/nested"), "keep me too");
  EXPECT_EQ(read_file(outside_file), "also keep me");
}

TEST(RemoveTree, KeepsTheContentOfAnOutsideFileWithAHardLinkInTheTree) {
  ScratchDir scratch;
  const std::string outside_file = scratch.path() + "/outside-file";
  write_file(outside_file, "keep me");
  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  ASSERT_EQ(link(outside_file.c_str(), (tree + "/hard").c_str()), 0) << std::strerror(errno);

  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
  EXPECT_EQ(read_file(outside_file), "keep me");
}

TEST(RemoveTree, ATreeThatIsASymlinkLosesOnlyTheLink) {
  ScratchDir scratch;
  const std::string outside_dir = scratch.path() + "/outside";
  make_directory(outside_dir);
  write_file(outside_dir + "/precious", "keep me");
  const std::string tree = scratch.path() + "/tree";
  make_symlink(outside_dir, tree);

  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
  EXPECT_THAT(entries(outside_dir), ElementsAre("precious"));
  EXPECT_EQ(read_file(outside_dir + "/precious"), "keep me");
}

TEST(RemoveTree, APathThatDoesNotExistIsNotAnError) {
  ScratchDir scratch;
  EXPECT_EQ(remove_tree(scratch.path() + "/never-made"), "");
  EXPECT_EQ(remove_tree(scratch.path() + "/never-made/below"), "");
}

TEST(RemoveTree, APlainFileIsRemoved) {
  ScratchDir scratch;
  write_file(scratch.path() + "/file", "x");
  EXPECT_EQ(remove_tree(scratch.path() + "/file"), "");
  EXPECT_FALSE(exists(scratch.path() + "/file"));
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

  prune_runs(base, "current", RetentionPolicy{3});
  EXPECT_THAT(entries(base), ElementsAre("current", "r4", "r5"));
  EXPECT_EQ(read_file(base + "/current/unit.abcdef/home/state"), "x");
  EXPECT_EQ(read_file(base + "/r4/unit.abcdef/home/state"), "x");
}

TEST(PruneRuns, KeepOneKeepsOnlyTheCurrentRun) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/old", 1000);
  make_run(base + "/newer", 9000);  // newer than current, still not kept
  make_run(base + "/current", 5000);

  prune_runs(base, "current", RetentionPolicy{1});
  EXPECT_THAT(entries(base), ElementsAre("current"));
}

TEST(PruneRuns, FewerRunsThanKeptRemovesNothing) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/a", 1000);
  make_run(base + "/b", 2000);
  make_run(base + "/current", 3000);

  prune_runs(base, "current", RetentionPolicy{3});
  EXPECT_THAT(entries(base), ElementsAre("a", "b", "current"));
}

TEST(PruneRuns, CurrentRunThatDoesNotExistYetKeepsKeepMinusOneOthers) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/a", 1000);
  make_run(base + "/b", 2000);
  make_run(base + "/c", 3000);

  prune_runs(base, "current", RetentionPolicy{2});
  EXPECT_THAT(entries(base), ElementsAre("c"));
}

TEST(PruneRuns, NeverRemovesARunWhoseWorkerLeaseIsHeld) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  make_run(base + "/live", 1000);  // oldest: first in line for removal
  write_file(base + "/live/workers/1.lock", "");
  write_file(base + "/live/workers/2.lock", "");
  make_run(base + "/dead", 2000);
  make_run(base + "/current", 3000);
  HeldLock lease(base + "/live/workers/1.lock");  // a process of that run still runs

  prune_runs(base, "current", RetentionPolicy{1});
  EXPECT_THAT(entries(base), ElementsAre("current", "live"));
  EXPECT_EQ(read_file(base + "/live/unit.abcdef/home/state"), "x");

  lease.release();  // that process ended
  prune_runs(base, "current", RetentionPolicy{1});
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

  prune_runs(base, "current", RetentionPolicy{1});
  EXPECT_THAT(entries(base), ElementsAre("current", "live"));
  EXPECT_TRUE(is_directory(made.isolation.home));

  lease.reset();
  prune_runs(base, "current", RetentionPolicy{1});
  EXPECT_THAT(entries(base), ElementsAre("current"));
}

TEST(PruneRuns, NeverFollowsASymlinkedRunOutOfTheBase) {
  ScratchDir scratch;
  const std::string outside = scratch.path() + "/outside";
  make_run(outside, 500);
  write_file(outside + "/precious", "keep me");
  const std::string base = scratch.path() + "/base";
  make_directory(base);
  make_symlink(outside, base + "/linked-run");
  make_run(base + "/old", 1000);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", RetentionPolicy{1});
  EXPECT_THAT(entries(base), ElementsAre("current", "linked-run"));  // the link is left alone
  EXPECT_TRUE(is_symlink(base + "/linked-run"));
  EXPECT_THAT(entries(outside), ElementsAre(kRunMarker, "precious", "unit.abcdef", "workers"));
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
  make_run(base + "/old", 1000);
  make_symlink(outside, base + "/old/unit.abcdef/home/link");
  set_mtime(base + "/old", 1000);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", RetentionPolicy{1});
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

  prune_runs(base, "current", RetentionPolicy{1});
  EXPECT_THAT(entries(base), ElementsAre("current", "someone-elses"));
  EXPECT_EQ(read_file(base + "/someone-elses/data"), "precious");
}

TEST(PruneRuns, LeavesFilesInTheBaseAlone) {
  ScratchDir scratch;
  const std::string base = scratch.path();
  write_file(base + "/notes.txt", "mine");
  set_mtime(base + "/notes.txt", 100);
  make_run(base + "/current", 2000);

  prune_runs(base, "current", RetentionPolicy{1});
  EXPECT_THAT(entries(base), ElementsAre("current", "notes.txt"));
  EXPECT_EQ(read_file(base + "/notes.txt"), "mine");
}

TEST(PruneRuns, MissingBaseIsNotAnError) {
  ScratchDir scratch;
  prune_runs(scratch.path() + "/never-made", "current", RetentionPolicy{1});
  EXPECT_THAT(entries(scratch.path()), IsEmpty());
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

}  // namespace
}  // namespace kitty::internal

// What is removed after a process: remove_tree() takes a whole tree, whatever
// a test left in it (modes, links, depth), and nothing outside it;
// retire_process() removes a passing process's directories (and a run left
// empty), and says what it keeps or could not remove.
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "isolation/isolation.h"
#include "isolation/retention.h"
#include "isolation/tree_removal.h"
#include "isolation_test_support.h"
#include "platform/killed_notice.h"
#include "runtime/baseline.h"

namespace kitty::internal {
namespace {

using test_support::can_create_in;
using test_support::entries;
using test_support::exists;
using test_support::Fd;
using test_support::FilePermissionsApply;
using test_support::is_directory;
using test_support::make_directory;
using test_support::make_symlink;
using test_support::read_file;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// For its scope, this process may have at most `limit` open descriptors.
class OpenFileLimit {
 public:
  explicit OpenFileLimit(rlim_t limit) {
    if (getrlimit(RLIMIT_NOFILE, &saved_) != 0) throw std::runtime_error("getrlimit failed");
    struct rlimit lowered = saved_;
    lowered.rlim_cur = limit;
    if (setrlimit(RLIMIT_NOFILE, &lowered) != 0) throw std::runtime_error("setrlimit failed");
  }
  OpenFileLimit(const OpenFileLimit&) = delete;
  OpenFileLimit& operator=(const OpenFileLimit&) = delete;
  ~OpenFileLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }

 private:
  struct rlimit saved_ {};
};

// The lowest descriptor number free now: the next open() gets it.
int lowest_free_descriptor() {
  const int fd = dup(0);
  if (fd < 0) throw std::runtime_error("dup failed");
  close(fd);
  return fd;
}

// <root>/d/d/d... `depth` levels deep, a file at the bottom. Made level by
// level with descriptors, as a test might, whatever the path length.
void make_deep_tree(const std::string& root, int depth) {
  make_directory(root);
  int fd = open(root.c_str(), O_RDONLY | O_DIRECTORY);
  for (int level = 0; level < depth && fd >= 0; ++level) {
    if (mkdirat(fd, "d", 0700) != 0) throw std::runtime_error("mkdirat failed");
    const int below = openat(fd, "d", O_RDONLY | O_DIRECTORY);
    close(fd);
    fd = below;
  }
  if (fd < 0) throw std::runtime_error("cannot open a level of " + root);
  const int file = openat(fd, "bottom", O_WRONLY | O_CREAT, 0600);
  if (file >= 0) close(file);
  close(fd);
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

// A tree deeper than the open-file limit (1,100 levels under 64
// descriptors): removal must not need one descriptor per level.
TEST(RemoveTree, RemovesATreeDeeperThanTheOpenFileLimit) {
  ScratchDir scratch;
  const std::string tree = scratch.path() + "/tree";
  make_deep_tree(tree, 1100);

  std::string error;
  {
    OpenFileLimit limit(64);
    error = remove_tree(tree);
  }
  EXPECT_EQ(error, "");
  EXPECT_FALSE(exists(tree));
}

// With no descriptor to spare, removal fails: the message says so, and not
// what follows from it (a directory left not empty).
TEST(RemoveTree, AFailureNamesItsCause) {
  ScratchDir scratch;
  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  make_directory(tree + "/sub");
  write_file(tree + "/sub/file", "x");

  std::string error;
  {
    OpenFileLimit limit(static_cast<rlim_t>(lowest_free_descriptor()) + 1);
    error = remove_tree(tree);
  }
  EXPECT_THAT(error, HasSubstr(std::strerror(EMFILE)));
  EXPECT_THAT(error, Not(HasSubstr(std::strerror(ENOTEMPTY))));
  EXPECT_THAT(error, HasSubstr(tree));
  EXPECT_TRUE(exists(tree + "/sub/file"));
}

// A test that made its own process directory unwritable (chmod 0500
// "$HOME/.."): the top of the tree is made writable again too.
TEST(RemoveTree, RemovesATreeWhoseTopIsUnwritable) {
  ScratchDir scratch;
  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  make_directory(tree + "/home");
  write_file(tree + "/home/file", "x");
  ASSERT_EQ(chmod(tree.c_str(), 0500), 0);

  FilePermissionsApply as_an_owner;
  ASSERT_FALSE(can_create_in(tree));  // really unwritable, even as root
  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
}

TEST(RemoveTree, RemovesATreeWhoseTopIsUnreadable) {
  ScratchDir scratch;
  const std::string tree = scratch.path() + "/tree";
  make_directory(tree);
  write_file(tree + "/file", "x");
  ASSERT_EQ(chmod(tree.c_str(), 0000), 0);

  FilePermissionsApply as_an_owner;
  ASSERT_THAT(entries(tree), IsEmpty());  // really unreadable, even as root
  EXPECT_EQ(remove_tree(tree), "");
  EXPECT_FALSE(exists(tree));
}

// A process dir as create_isolation() makes it, in run `run_id` of `base`.
Isolation isolated(const std::string& base, const std::string& run_id = "run") {
  IsolationSettings settings;
  settings.base = base;
  settings.run_id = run_id;
  IsolationResult made = create_isolation(settings);
  if (!made.error.empty()) throw std::runtime_error(made.error);
  return made.isolation;
}

TEST(RetireProcess, AFailedProcessKeepsItsHomeAndNamesIt) {
  ScratchDir scratch;
  const Isolation isolation = isolated(scratch.path());
  const Fd lease(isolation.worker_lock_fd);
  write_file(isolation.home + "/evidence", "x");

  EXPECT_EQ(retire_process(isolation, /*passed=*/false),
            "kept the isolated home of this failed process: " + isolation.process_dir);
  EXPECT_EQ(read_file(isolation.home + "/evidence"), "x");
}

// Discovery, or any run of one process without records: once it passed,
// nothing of it is left (not even workers/0.lock and the run's marker).
TEST(RetireProcess, TheLastProcessOfARunWithNothingElseInItLeavesNothing) {
  ScratchDir scratch;
  const Isolation isolation = isolated(scratch.path());
  const Fd lease(isolation.worker_lock_fd);  // still held, as the launcher does

  EXPECT_EQ(retire_process(isolation, /*passed=*/true), "");
  EXPECT_THAT(entries(scratch.path()), IsEmpty());
}

TEST(RetireProcess, ARunWithAnotherLiveProcessOrRecordsStays) {
  ScratchDir scratch;
  const Isolation first = isolated(scratch.path());
  const Fd first_lease(first.worker_lock_fd);
  Isolation second = isolated(scratch.path());
  Fd second_lease(second.worker_lock_fd);

  EXPECT_EQ(retire_process(first, /*passed=*/true), "");
  // The first to end told the earlier runs, for the whole run.
  EXPECT_THAT(entries(second.run_dir),
              ElementsAre(kRunMarker, ".told-earlier-runs", Not(IsEmpty()), "workers"));
  EXPECT_TRUE(is_directory(second.home));

  make_directory(second.run_dir + "/record");
  second_lease.reset();
  EXPECT_EQ(retire_process(second, /*passed=*/true), "");
  EXPECT_THAT(entries(second.run_dir),
              ElementsAre(kRunMarker, ".told-earlier-runs", "record", "workers"));
}

// A test that made its own process directory unwritable (chmod 0500
// "$HOME/.."), then passed: its directories still go.
TEST(RetireProcess, APassedProcessThatLockedItsOwnDirectoryIsRemoved) {
  ScratchDir scratch;
  const Isolation isolation = isolated(scratch.path());
  const Fd lease(isolation.worker_lock_fd);
  write_file(isolation.home + "/file", "x");
  ASSERT_EQ(chmod(isolation.process_dir.c_str(), 0500), 0);

  FilePermissionsApply as_an_owner;
  ASSERT_FALSE(can_create_in(isolation.process_dir));  // really unwritable, even as root
  EXPECT_EQ(retire_process(isolation, /*passed=*/true), "");
  EXPECT_FALSE(exists(isolation.process_dir));
}

// What cannot be removed is said, with its cause: the launcher prints it.
TEST(RetireProcess, APassedProcessWhoseHomeCannotBeRemovedSaysWhy) {
  ScratchDir scratch;
  const Isolation isolation = isolated(scratch.path());
  const Fd lease(isolation.worker_lock_fd);

  std::string said;
  {
    OpenFileLimit limit(static_cast<rlim_t>(lowest_free_descriptor()) + 1);
    said = retire_process(isolation, /*passed=*/true);
  }
  EXPECT_THAT(said, HasSubstr("could not remove the isolated home of this passed process: "));
  EXPECT_THAT(said, HasSubstr(isolation.process_dir));
  EXPECT_THAT(said, HasSubstr(std::strerror(EMFILE)));
}

// A run by hand that a signal ends (`./tests | head`: SIGPIPE) says on
// stderr where its home stays, and still dies of that signal.
TEST(NameHomeIfKilled, ASignalThatEndsTheRunNamesTheHome) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    signal(SIGPIPE, SIG_DFL);
    name_home_if_killed("/kitty-homes/run/direct.Ab3dE9");
    raise(SIGPIPE);
    _exit(0);
  }
  close(pipe_fds[1]);
  std::string said;
  char buffer[512];
  for (ssize_t got; (got = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) said.append(buffer, got);
  close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) << status;
  EXPECT_EQ(said,
            "\ngtest_kitty: killed by SIGPIPE: kept the isolated home of this run: "
            "/kitty-homes/run/direct.Ab3dE9\n");
}

TEST(NameHomeIfKilled, AHandlerOfTheTestsOwnIsLeftAlone) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    signal(SIGHUP, SIG_IGN);  // the test's own choice
    name_home_if_killed("/kitty-homes/run/direct.Ab3dE9");
    raise(SIGHUP);
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace kitty::internal

// A kept home moved from the scratch filesystem to the base (tree_move.h):
// every directory, file, mode and link arrives, nothing outside the tree is
// followed, what cannot be copied is named, and the original goes only when
// the copy is whole.
#include "isolation/tree_move.h"

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include <gtest/gtest.h>

#include "isolation_test_support.h"

namespace kitty::internal {
namespace {

using namespace test_support;

dev_t device_of(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 ? info.st_dev : 0;
}

// A home as a failing test may leave it: a config file, a directory it
// locked, a file it made unreadable, a link out of the home, a FIFO.
void make_hostile_home(const std::string& dir, const std::string& outside) {
  make_directory(dir + "/home");
  make_directory(dir + "/home/.config");
  write_file(dir + "/home/.config/app.conf", "colour = blue\n");
  make_directory(dir + "/home/locked");
  write_file(dir + "/home/locked/secret", "s3cret");
  write_file(dir + "/home/unreadable", "hidden");
  chmod((dir + "/home/unreadable").c_str(), 0000);
  chmod((dir + "/home/locked").c_str(), 0000);
  make_symlink(outside, dir + "/home/out");
  ASSERT_EQ(mkfifo((dir + "/home/pipe").c_str(), 0600), 0);
}

TEST(TreeMove, OnOneFilesystemItIsARename) {
  ScratchDir scratch;
  make_directory(scratch.path() + "/from");
  write_file(scratch.path() + "/from/file", "content");
  const TreeMove move = move_tree(scratch.path() + "/from", scratch.path() + "/to");
  EXPECT_EQ(move.error, "");
  EXPECT_TRUE(move.skipped.empty());
  EXPECT_FALSE(exists(scratch.path() + "/from"));
  EXPECT_EQ(read_file(scratch.path() + "/to/file"), "content");
}

TEST(TreeMove, AcrossFilesystemsEveryPartArrivesAndNothingOutsideMoves) {
  ScratchDir base;
  if (!is_directory("/dev/shm")) GTEST_SKIP() << "no /dev/shm here";
  ScratchDir ram("/dev/shm");
  if (device_of(ram.path()) == device_of(base.path())) {
    GTEST_SKIP() << "/dev/shm and " << base.path() << " are one filesystem: no copy to test";
  }
  make_directory(base.path() + "/outside");
  write_file(base.path() + "/outside/keep", "untouched");
  const std::string from = ram.path() + "/proc.Ab12Cd";
  make_directory(from);
  make_hostile_home(from, base.path() + "/outside");
  const std::string to = base.path() + "/proc.Ab12Cd";

  FilePermissionsApply as_an_owner;  // as root, modes would not stop a careless copy
  const TreeMove move = move_tree(from, to);
  EXPECT_EQ(move.error, "");
  EXPECT_EQ(move.skipped, std::vector<std::string>{to + "/home/pipe"});
  EXPECT_FALSE(exists(from)) << "a whole copy replaces the original";

  EXPECT_EQ(read_file(to + "/home/.config/app.conf"), "colour = blue\n");
  EXPECT_EQ(mode_of(to + "/home/locked"), 0000) << "the copy keeps what the test did";
  EXPECT_EQ(mode_of(to + "/home/unreadable"), 0000);
  chmod((to + "/home/locked").c_str(), 0700);
  chmod((to + "/home/unreadable").c_str(), 0600);
  EXPECT_EQ(read_file(to + "/home/locked/secret"), "s3cret");
  EXPECT_EQ(read_file(to + "/home/unreadable"), "hidden");
  ASSERT_TRUE(is_symlink(to + "/home/out")) << "a link is copied as a link";
  char target[4096] = {};
  ASSERT_GT(readlink((to + "/home/out").c_str(), target, sizeof target - 1), 0);
  EXPECT_EQ(std::string(target), base.path() + "/outside");
  EXPECT_EQ(entries(base.path() + "/outside"), std::vector<std::string>{"keep"});
  EXPECT_EQ(read_file(base.path() + "/outside/keep"), "untouched");
}

TEST(TreeMove, AnExistingDestinationIsRefusedAndTheOriginalStays) {
  ScratchDir scratch;
  make_directory(scratch.path() + "/from");
  write_file(scratch.path() + "/from/file", "content");
  make_directory(scratch.path() + "/to");
  write_file(scratch.path() + "/to/other", "other");
  const TreeMove move = move_tree(scratch.path() + "/from", scratch.path() + "/to");
  EXPECT_NE(move.error.find("cannot move"), std::string::npos) << move.error;
  EXPECT_EQ(read_file(scratch.path() + "/from/file"), "content");
  EXPECT_EQ(read_file(scratch.path() + "/to/other"), "other");
}

}  // namespace
}  // namespace kitty::internal

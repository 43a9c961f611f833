// The directories of one isolated home (isolation/skeleton.h): the cheap
// removal takes exactly the skeleton as it was made, and nothing through a
// link a test put in its place; anything else is left for the tree walk.
#include "isolation/skeleton.h"

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "isolation/finish.h"
#include "isolation_test_support.h"

namespace kitty::internal {
namespace {

using test_support::entries;
using test_support::exists;
using test_support::is_directory;
using test_support::make_directory;
using test_support::make_symlink;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::ElementsAre;

std::string made_skeleton(const std::string& dir) {
  make_directory(dir);
  const std::string error = make_skeleton(dir);
  EXPECT_EQ(error, "");
  return dir;
}

TEST(Skeleton, HoldsTheHomeItsXdgDirectoriesAndTmp) {
  ScratchDir scratch;
  const std::string dir = made_skeleton(scratch.path() + "/p");
  EXPECT_THAT(entries(dir), ElementsAre("home", "tmp"));
  EXPECT_THAT(entries(dir + "/home"), ElementsAre(".cache", ".config", ".local", "AppData"));
  EXPECT_THAT(entries(dir + "/home/.local"), ElementsAre("share", "state"));
  EXPECT_THAT(entries(dir + "/home/AppData"), ElementsAre("Local", "Roaming"));
}

TEST(Skeleton, ABareOneIsRemovedWhole) {
  ScratchDir scratch;
  const std::string dir = made_skeleton(scratch.path() + "/p");
  EXPECT_TRUE(remove_bare_skeleton(dir));
  EXPECT_FALSE(exists(dir));
}

TEST(Skeleton, OneWithAFileInItIsLeftToTheTreeWalk) {
  for (const char* file : {"home/.config/app.conf", "tmp/scratch", "home/.bashrc"}) {
    SCOPED_TRACE(file);
    ScratchDir scratch;
    const std::string dir = made_skeleton(scratch.path() + "/p");
    write_file(dir + "/" + file, "x");
    EXPECT_FALSE(remove_bare_skeleton(dir));
    EXPECT_TRUE(exists(dir + "/" + file));
    // What finishing a passed process does next: the walk takes the rest.
    EXPECT_EQ(finish_test_scope(dir, exit_ending(0)).said, "");
    EXPECT_FALSE(exists(dir));
  }
}

// The planted fault: a test replaced home/.local with a link to a directory
// outside (holding an empty share/ and state/ of its own). The cheap
// removal must not reach through the link; the outside stays as it was.
TEST(Skeleton, ALinkInPlaceOfADirectoryIsNeverFollowed) {
  ScratchDir scratch;
  const std::string outside = scratch.path() + "/outside";
  make_directory(outside);
  make_directory(outside + "/share");
  make_directory(outside + "/state");
  const std::string dir = made_skeleton(scratch.path() + "/p");
  ASSERT_EQ(rmdir((dir + "/home/.local/share").c_str()), 0);
  ASSERT_EQ(rmdir((dir + "/home/.local/state").c_str()), 0);
  ASSERT_EQ(rmdir((dir + "/home/.local").c_str()), 0);
  make_symlink(outside, dir + "/home/.local");

  EXPECT_FALSE(remove_bare_skeleton(dir));
  EXPECT_TRUE(is_directory(outside + "/share"));
  EXPECT_TRUE(is_directory(outside + "/state"));
  EXPECT_EQ(finish_test_scope(dir, exit_ending(0)).said, "");
  EXPECT_FALSE(exists(dir));
  EXPECT_THAT(entries(outside), ElementsAre("share", "state"));
}

TEST(Skeleton, AHomeMadeUnwritableIsLeftToTheTreeWalk) {
  ScratchDir scratch;
  const std::string dir = made_skeleton(scratch.path() + "/p");
  ASSERT_EQ(chmod((dir + "/home").c_str(), 0500), 0);
  test_support::FilePermissionsApply as_an_owner;
  EXPECT_FALSE(remove_bare_skeleton(dir));
  EXPECT_EQ(finish_test_scope(dir, exit_ending(0)).said, "");
  EXPECT_FALSE(exists(dir));
}

TEST(Skeleton, AFileInPlaceOfTheDirectoryIsAnError) {
  ScratchDir scratch;
  const std::string dir = scratch.path() + "/p";
  make_directory(dir);
  write_file(dir + "/home", "not a directory");
  EXPECT_EQ(make_skeleton(dir), dir + "/home exists and is not a directory");
}

}  // namespace
}  // namespace kitty::internal

// The platform layer (gtest_kitty/platform/): the primitives every other
// file builds on, checked the same way on each system. Portable: this file
// runs on Linux and, cross-built, under Windows (wine) too.
#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/utf8_path.h"
#include "isolation/tree_removal.h"
#include "platform/directory.h"
#include "platform/environment.h"
#include "platform/file_lock.h"
#include "platform/files.h"
#include "platform/process.h"
#include "portable_test_support.h"
#include "scratch_dir.h"

namespace kitty::internal {
namespace {

using test_support::exists;
using ::testing::UnorderedElementsAre;

// A name no system spells the same in its code page: UTF-8 end to end or
// mojibake.
const std::string kUnicodeName = "gr\xc3\xbc\xc3\x9f [a] b;c $d 'e' \xe2\x82\xac";

std::string fresh(const std::string& name) {
  return utf8_of(path_of_utf8(kitty_unit::fresh_dir(name)));
}

TEST(PlatformProcess, TheCurrentProcessStartedRecentlyAndHasAParent) {
  EXPECT_GT(current_process_id(), 0);
  std::time_t start = 0;
  ASSERT_TRUE(process_start_time(current_process_id(), start));
  const std::time_t now = std::time(nullptr);
  EXPECT_LE(start, now);
  EXPECT_GT(start, now - 24 * 3600) << "a start time a day ago is a wrong clock, not this process";
  EXPECT_FALSE(process_start_time(-1, start));
}

TEST(PlatformProcess, TheExecutableIsThisTestBinary) {
  const std::string path = executable_path();
  ASSERT_FALSE(path.empty());
  EXPECT_TRUE(exists(path)) << path;
  EXPECT_NE(utf8_of(path_of_utf8(path).filename()).find("kitty_unit_tests"), std::string::npos)
      << path;
}

TEST(PlatformProcess, TheUserKeyIsAPlainFileNamePart) {
  const std::string key = user_key();
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(key.find_first_of("/\\:*?\"<>| "), std::string::npos) << key;
}

TEST(PlatformEnvironment, AValueRoundTripsInUtf8) {
  set_variable("KITTY_PLATFORM_TEST_VALUE", kUnicodeName);
  const char* read = read_variable("KITTY_PLATFORM_TEST_VALUE");
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(std::string(read), kUnicodeName);
  const std::vector<std::string> entries = environment_entries();
  EXPECT_NE(std::find(entries.begin(), entries.end(), "KITTY_PLATFORM_TEST_VALUE=" + kUnicodeName),
            entries.end());
  unset_variable("KITTY_PLATFORM_TEST_VALUE");
  EXPECT_EQ(read_variable("KITTY_PLATFORM_TEST_VALUE"), nullptr);
}

TEST(PlatformFileLock, AnExclusiveLockShutsOutASecondDescriptor) {
  const std::string path = fresh("lock") + "/held.lock";
  const int holder = open_lock_file(path);
  const int other = open_lock_file(path);
  ASSERT_GE(holder, 0);
  ASSERT_GE(other, 0);
  ASSERT_TRUE(try_lock_file(holder, LockKind::kExclusive));
  EXPECT_FALSE(try_lock_file(other, LockKind::kExclusive));
  EXPECT_FALSE(try_lock_file(other, LockKind::kShared));
  close_lock_file(holder);  // released with its descriptor, as at a holder's death
  EXPECT_TRUE(try_lock_file(other, LockKind::kExclusive));
  close_lock_file(other);
}

TEST(PlatformFileLock, SharedLocksCoexistAndAreReadable) {
  const std::string dir = fresh("shared");
  const int writer = create_file(dir + "/marker", /*exclusive=*/true);
  ASSERT_TRUE(write_all(writer, "user\n"));
  close_file(writer);
  const int first = open_existing_lock_file(dir + "/marker");
  const int second = open_existing_lock_file(dir + "/marker");
  ASSERT_TRUE(lock_file(first, LockKind::kShared));
  EXPECT_TRUE(try_lock_file(second, LockKind::kShared));
  // A lock never keeps a reader out (Windows locks are mandatory).
  const int reader = open_for_reading(dir + "/marker");
  char text[16] = {};
  EXPECT_EQ(read_some(reader, text, sizeof text), 5);
  close_file(reader);
  EXPECT_FALSE(file_was_removed(first));
  close_lock_file(first);
  close_lock_file(second);
  EXPECT_EQ(open_existing_lock_file(dir + "/missing"), -1);
}

// POSIX record locks belong to the process (a second descriptor of this
// one shares them): conflicts between processes are the port tests' part
// (tests/integration/ports_test.cpp). Here: a range is taken, and it is
// free again once its descriptor is closed.
TEST(PlatformFileLock, ARangeIsReleasedWithItsDescriptor) {
  const std::string path = fresh("ranges") + "/ports.lock";
  const int holder = open_lock_file(path);
  ASSERT_GE(holder, 0);
  ASSERT_TRUE(try_lock_range(holder, 9400, 10));
  ASSERT_TRUE(try_lock_range(holder, 9410, 10));
  close_lock_file(holder);
  const int other = open_lock_file(path);
  EXPECT_TRUE(try_lock_range(other, 9405, 10));
  RangeHolder nobody;
  EXPECT_FALSE(range_holder(other, 9405, 10, nobody)) << "its own lock is no other holder";
  close_lock_file(other);
}

TEST(PlatformFiles, AnExclusiveCreateRefusesAnExistingFile) {
  const std::string path = fresh("create") + "/" + kUnicodeName;
  const int fd = create_file(path, /*exclusive=*/true);
  ASSERT_GE(fd, 0);
  close_file(fd);
  EXPECT_EQ(create_file(path, /*exclusive=*/true), -1);
  EXPECT_EQ(errno, EEXIST);
  const int appended = open_for_append(path);
  ASSERT_GE(appended, 0);
  EXPECT_TRUE(write_all(appended, "one\n"));
  close_file(appended);
  EXPECT_TRUE(touch_file(path));
  EXPECT_EQ(std::filesystem::file_size(path_of_utf8(path)), 4u);
}

TEST(PlatformFiles, AUniqueDirectoryIsFreshEveryTime) {
  const std::string base = fresh("unique");
  std::string first = base + "/unit.XXXXXX";
  std::string second = first;
  ASSERT_TRUE(make_unique_directory(first));
  ASSERT_TRUE(make_unique_directory(second));
  EXPECT_NE(first, second);
  EXPECT_EQ(first.find("XXXXXX"), std::string::npos);
  EXPECT_EQ(directory_state(first), DirectoryState::kOwn);
  EXPECT_FALSE(make_directory(first));
  EXPECT_EQ(errno, EEXIST);
  std::string bad = base + "/no-template";
  EXPECT_FALSE(make_unique_directory(bad));
}

TEST(PlatformFiles, ANewNameIsNeverTakenFromAnExistingFile) {
  const std::string dir = fresh("link");
  close_file(create_file(dir + "/draft-1", true));
  close_file(create_file(dir + "/draft-2", true));
  ASSERT_TRUE(link_new_name(dir + "/draft-1", dir + "/marker"));
  EXPECT_FALSE(link_new_name(dir + "/draft-2", dir + "/marker"));
  EXPECT_EQ(errno, EEXIST);
  EXPECT_TRUE(exists(dir + "/draft-2")) << "a refused draft stays for its writer to remove";
}

TEST(PlatformFiles, TheStateOfAPathSaysWhatIsThere) {
  const std::string dir = fresh("state");
  close_file(create_file(dir + "/file", true));
  EXPECT_EQ(directory_state(dir), DirectoryState::kOwn);
  EXPECT_EQ(directory_state(dir + "/file"), DirectoryState::kNotDirectory);
  EXPECT_EQ(directory_state(dir + "/missing"), DirectoryState::kUnseen);
  EXPECT_TRUE(is_writable_directory(dir));
  EXPECT_FALSE(shared_temporary_directory().empty());
}

TEST(PlatformDirectory, EntriesAreListedAndRemovedFromTheHeldDirectory) {
  const std::string dir = fresh("held");
  const Directory held = Directory::open(dir);
  ASSERT_TRUE(held.is_open());
  ASSERT_TRUE(held.make_directory(kUnicodeName));
  close_file(held.create_file("file", /*exclusive=*/true));
  std::vector<std::string> names;
  ASSERT_TRUE(held.names(names));
  EXPECT_THAT(names, UnorderedElementsAre(kUnicodeName, "file"));
  EXPECT_EQ(held.entry(kUnicodeName), Directory::Entry::kDirectory);
  EXPECT_EQ(held.entry("file"), Directory::Entry::kFile);
  EXPECT_EQ(held.entry("missing"), Directory::Entry::kMissing);
  long long modified = 0;
  ASSERT_TRUE(held.modified_ns("file", modified));
  const long long now_ns = static_cast<long long>(std::time(nullptr)) * 1000000000LL;
  EXPECT_GT(modified, now_ns - 3600 * 1000000000LL);
  EXPECT_LE(modified, now_ns + 60 * 1000000000LL) << "a write time in the future: a wrong epoch";
  EXPECT_TRUE(held.child(kUnicodeName).is_open());
  EXPECT_FALSE(held.child("file").is_open()) << "a file is not a directory to hold";
  EXPECT_FALSE(held.remove_directory("file"));
  EXPECT_TRUE(held.remove_file("file"));
  EXPECT_TRUE(held.remove_directory(kUnicodeName));
  names.clear();
  ASSERT_TRUE(held.names(names));
  EXPECT_TRUE(names.empty());
}

TEST(PlatformDirectory, ALinkIsNeverHeldOrGoneThrough) {
  const std::string dir = fresh("links");
  const std::string outside = fresh("links-outside");
  close_file(create_file(outside + "/precious", true));
  std::error_code error;
  std::filesystem::create_directory_symlink(path_of_utf8(outside), path_of_utf8(dir + "/link"),
                                            error);
  if (error) GTEST_SKIP() << "no symbolic links here: " << error.message();
  const Directory held = Directory::open(dir);
  EXPECT_EQ(held.entry("link"), Directory::Entry::kOther);
  EXPECT_FALSE(held.child("link").is_open());
  EXPECT_FALSE(Directory::open(dir + "/link").is_open());
  EXPECT_EQ(remove_tree(dir), "");
  EXPECT_FALSE(exists(dir));
  EXPECT_TRUE(exists(outside + "/precious")) << "removal went through the link";
}

TEST(PlatformTreeRemoval, AUnicodeTreeGoesWholeAndEmptyingKeepsTheException) {
  const std::string dir = fresh("tree");
  const std::string deep = dir + "/" + kUnicodeName + "/a/b/c";
  std::filesystem::create_directories(path_of_utf8(deep));
  close_file(create_file(deep + "/leaf", true));
  close_file(create_file(dir + "/.kitty-run", true));
  EXPECT_EQ(empty_tree(dir, ".kitty-run"), "");
  std::vector<std::string> names;
  ASSERT_TRUE(Directory::open(dir).names(names));
  EXPECT_THAT(names, UnorderedElementsAre(".kitty-run"));
  EXPECT_EQ(remove_tree(dir), "");
  EXPECT_FALSE(exists(dir));
  EXPECT_EQ(remove_tree(dir), "") << "a tree already gone is no error";
}

}  // namespace
}  // namespace kitty::internal

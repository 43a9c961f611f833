// Leaves read-only files and a read-only directory in its home, as a test
// of a build tool might: Windows refuses to delete them as they are, yet the
// launcher must remove a passing process's home (else the test fails with
// "could not remove the isolated home").
#include <windows.h>

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

void make_read_only(const fs::path& path) {
  const DWORD attributes = GetFileAttributesW(path.c_str());
  ASSERT_NE(attributes, INVALID_FILE_ATTRIBUTES) << path;
  ASSERT_TRUE(SetFileAttributesW(path.c_str(), attributes | FILE_ATTRIBUTE_READONLY)) << path;
}

TEST(ReadOnlyHome, LeavesReadOnlyFilesAndDirectories) {
  const fs::path locked = fs::u8path(kitty::home()) / "locked";
  fs::create_directories(locked / "deeper");
  std::ofstream(locked / "deeper" / "file.txt") << "read-only\n";
  std::ofstream(locked / "top.txt") << "read-only\n";
  make_read_only(locked / "deeper" / "file.txt");
  make_read_only(locked / "top.txt");
  make_read_only(locked / "deeper");
  make_read_only(locked);
  EXPECT_FALSE(DeleteFileW((locked / "top.txt").c_str())) << "the mark holds on Windows";
}

}  // namespace

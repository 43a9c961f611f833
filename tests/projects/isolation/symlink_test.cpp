// Leaves links from its home to a directory and a file outside
// ($KITTY_PROBE_OUTSIDE): removing the home must not follow them.
#include <gtest/gtest.h>

#include <filesystem>

#include "probe_log.h"

TEST(Symlink, HomeLinksOutside) {
  namespace fs = std::filesystem;
  const fs::path outside = probe_env("KITTY_PROBE_OUTSIDE");
  if (outside.empty()) GTEST_SKIP() << "KITTY_PROBE_OUTSIDE is not set";
  const fs::path home = probe_env("HOME");
  fs::create_directory_symlink(outside, home / "link-to-outside-dir");
  fs::create_symlink(outside / "precious.txt", home / "link-to-outside-file");
  fs::create_directories(home / "nested" / "deeper");
  fs::create_directory_symlink(outside, home / "nested" / "deeper" / "link");
  probe_log("linked_home", home.string());
  EXPECT_TRUE(fs::exists(home / "link-to-outside-dir" / "precious.txt"));
}

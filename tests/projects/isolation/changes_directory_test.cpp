// Changes directory, then looks for its per-user directories: they must be
// absolute, even when the base was given relative (KITTY_HOME_BASE=homes).
#include <gtest/gtest.h>

#include <filesystem>

#include "probe_log.h"

TEST(ChangesDirectory, StillFindsItsDirectories) {
  namespace fs = std::filesystem;
  probe_log("cd_home", probe_env("HOME"));
  const fs::path before = fs::current_path();
  fs::current_path("/");
  for (const char* name : {"HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
    const fs::path path = probe_env(name);
    EXPECT_TRUE(path.is_absolute()) << name << "=" << path;
    EXPECT_TRUE(fs::is_directory(path)) << name << "=" << path << " seen from /";
  }
  fs::current_path(before);
}

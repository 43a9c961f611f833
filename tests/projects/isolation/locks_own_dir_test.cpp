// With KITTY_PROBE_LOCK_OWN_DIR=1, makes its own process directory
// unwritable (chmod 0500 "$HOME/..") and passes: kitty must still remove it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "probe_log.h"

TEST(LocksOwnDir, ThenPasses) {
  namespace fs = std::filesystem;
  if (probe_env("KITTY_PROBE_LOCK_OWN_DIR") != "1") return;
  const fs::path home = probe_env("HOME");
  std::ofstream(home / "left-behind") << "x\n";
  probe_log("locked_dir", home.parent_path().string());
  fs::permissions(home.parent_path(), fs::perms::owner_read | fs::perms::owner_exec);
}

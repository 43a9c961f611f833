// Writes where programs keep per-user state. Under kitty these land in the
// isolated home; the guard test proves the real home stayed untouched.
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <filesystem>
#include <fstream>

#include "probe_log.h"

namespace {

namespace fs = std::filesystem;

TEST(WritesHome, ConfigCacheAndTemporaryFiles) {
  const fs::path home = probe_env("HOME");
  probe_log("wrote_home", home.string());
  fs::create_directories(home / ".probe");
  std::ofstream(home / ".probe" / "config.ini") << "written=1\n";
  fs::create_directories(fs::path(probe_env("XDG_CONFIG_HOME")) / "probe");
  std::ofstream(fs::path(probe_env("XDG_CONFIG_HOME")) / "probe" / "settings") << "x\n";
  fs::create_directories(fs::path(probe_env("XDG_CACHE_HOME")) / "probe");
  std::ofstream(fs::path(probe_env("XDG_CACHE_HOME")) / "probe" / "cache") << "x\n";
  std::ofstream(fs::path(probe_env("TMPDIR")) / "probe.tmp") << "x\n";
  // Windows' names, set on every system: code ported from Windows writes there.
  for (const char* name : {"APPDATA", "LOCALAPPDATA"}) {
    fs::create_directories(fs::path(probe_env(name)) / "probe");
    std::ofstream(fs::path(probe_env(name)) / "probe" / "state") << "x\n";
  }
  std::ofstream(fs::path(probe_env("TEMP")) / "probe-temp.tmp") << "x\n";
  std::ofstream(fs::path(probe_env("TMP")) / "probe-tmp.tmp") << "x\n";
  EXPECT_TRUE(fs::exists(home / ".probe" / "config.ini"));
}

// A run never sees an earlier run's state: the marker is new every time.
TEST(WritesHome, NoStateFromAnEarlierRun) {
  const fs::path marker = fs::path(probe_env("HOME")) / ".probe-run-marker";
  EXPECT_FALSE(fs::exists(marker)) << "state from an earlier run: " << marker;
  std::ofstream(marker) << kitty::run_id() << "\n";
}

}  // namespace

// Before each test kitty restores the isolated baseline, so a test that
// changed HOME cannot leak it into the next; a test's own HOME holds for
// that test, and a suite's SetUpTestSuite override holds for its suite.
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <cstdlib>

#include "probe_log.h"

namespace {

TEST(Reassert, AChangesEveryIsolatedVariable) {
  for (const char* name :
       {"HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
        "XDG_STATE_HOME", "XDG_CACHE_HOME", "TMPDIR", "TEMP", "TMP", "TEST_TMPDIR"}) {
    setenv(name, "/nonexistent/leaked", 1);
  }
  EXPECT_EQ(probe_env("HOME"), "/nonexistent/leaked");
}

TEST(Reassert, BSeesTheBaselineAgain) {
  EXPECT_EQ(probe_env("HOME"), kitty::home());
  EXPECT_EQ(probe_env("USERPROFILE"), kitty::home());
  EXPECT_EQ(probe_env("XDG_CONFIG_HOME"), kitty::home() + "/.config");
  EXPECT_EQ(probe_env("XDG_DATA_HOME"), kitty::home() + "/.local/share");
  EXPECT_EQ(probe_env("XDG_STATE_HOME"), kitty::home() + "/.local/state");
  EXPECT_EQ(probe_env("XDG_CACHE_HOME"), kitty::home() + "/.cache");
  EXPECT_EQ(probe_env("APPDATA"), kitty::home() + "/AppData/Roaming");
  EXPECT_EQ(probe_env("LOCALAPPDATA"), kitty::home() + "/AppData/Local");
  EXPECT_EQ(probe_env("TEMP"), probe_env("TMPDIR"));
  EXPECT_EQ(probe_env("TMP"), probe_env("TMPDIR"));
  EXPECT_NE(probe_env("TMPDIR"), "/nonexistent/leaked");
  EXPECT_EQ(probe_env("TEST_TMPDIR"), probe_env("TMPDIR"));
}

TEST(Reassert, CSetsItsOwnHomeForItself) {
  setenv("HOME", "/tmp/own-home-of-this-test", 1);
  EXPECT_EQ(probe_env("HOME"), "/tmp/own-home-of-this-test");
}

class SuiteHome : public testing::Test {
 protected:
  static void SetUpTestSuite() { setenv("HOME", "/tmp/suite-home", 1); }
};

TEST_F(SuiteHome, FirstTestSeesTheSuitesHome) { EXPECT_EQ(probe_env("HOME"), "/tmp/suite-home"); }
TEST_F(SuiteHome, SecondTestToo) {
  EXPECT_EQ(probe_env("HOME"), "/tmp/suite-home");
  setenv("HOME", "/nonexistent/leaked", 1);
}
TEST_F(SuiteHome, ThirdTestAfterALeak) { EXPECT_EQ(probe_env("HOME"), "/tmp/suite-home"); }

TEST(ReassertAfterSuite, NextSuiteSeesTheBaseline) { EXPECT_EQ(probe_env("HOME"), kitty::home()); }

}  // namespace

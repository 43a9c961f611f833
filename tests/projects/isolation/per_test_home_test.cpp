// HOME_SCOPE test: every test has a fresh home of its own.
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <filesystem>
#include <fstream>

#include "probe_log.h"

namespace {

std::string first_home;

TEST(PerTestHome, AWritesItsHome) {
  first_home = probe_env("HOME");
  EXPECT_EQ(first_home, kitty::home());
  std::ofstream(first_home + "/from-a") << "a\n";
  EXPECT_TRUE(std::filesystem::exists(first_home + "/from-a"));
}

TEST(PerTestHome, BHasAnotherFreshHome) {
  ASSERT_FALSE(first_home.empty());
  EXPECT_NE(probe_env("HOME"), first_home);
  EXPECT_EQ(probe_env("HOME"), kitty::home());
  EXPECT_FALSE(std::filesystem::exists(probe_env("HOME") + "/from-a"));
  EXPECT_FALSE(std::filesystem::exists(first_home)) << "a passing test's home is removed";
}

}  // namespace

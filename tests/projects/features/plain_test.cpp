#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <cstdlib>
#include <string>

KITTY_LABELS("code_label", "fast");

namespace {

TEST(Plain, Adds) { EXPECT_EQ(1 + 1, 2); }

class PlainFixture : public testing::Test {
 protected:
  // Reset on tear-down, so that --gtest_repeat sees 1 in every iteration.
  static void SetUpTestSuite() { ++suite_setups; }
  static void TearDownTestSuite() { suite_setups = 0; }
  static int suite_setups;
};
int PlainFixture::suite_setups = 0;

TEST_F(PlainFixture, SetUpTestSuiteRanOnce) { EXPECT_EQ(suite_setups, 1); }
TEST_F(PlainFixture, StillOnce) { EXPECT_EQ(suite_setups, 1); }

TEST(Plain, DISABLED_NeverRuns) { FAIL() << "a disabled test ran"; }

// Set through kitty_add_tests(ENVIRONMENT) for features_tests only.
TEST(Plain, SeesCMakeEnvironmentWhenRegisteredWithIt) {
  const char* value = std::getenv("KITTY_FEATURES_ENV");
  if (value != nullptr) EXPECT_EQ(std::string(value), "from_cmake");
}

}  // namespace

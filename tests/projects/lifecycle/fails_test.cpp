// One failing test among passing ones, for the rerun command a failure
// prints; LIFECYCLE_SETTING comes from kitty_add_tests' ENVIRONMENT and must
// reach the rerun too.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "probe.h"

TEST(Fails, Steady) { SUCCEED(); }

TEST(Fails, WhenAsked) {
  const char* setting = std::getenv("LIFECYCLE_SETTING");
  EXPECT_STREQ(setting, "kept ' in reruns") << "LIFECYCLE_SETTING did not arrive";
  EXPECT_FALSE(probe::asked("fail")) << "planted failure";
}

TEST(Fails, AlsoSteady) { SUCCEED(); }

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <cstdlib>
#include <string>

// The scale follows KITTY_VOLUME_FULL; the assertion is the same at both.
TEST(Volume, ScaleFollowsTheGate) {
  const int ids = kitty::volume(1000, 1000000);
  const char* full = std::getenv("KITTY_VOLUME_FULL");
  EXPECT_EQ(ids, full != nullptr && std::string(full) == "1" ? 1000000 : 1000);
}

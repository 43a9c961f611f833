#include <gtest/gtest.h>

#include <cstdlib>

// Dies before GoogleTest can write its report when KITTY_PROBE_CRASH=1.
TEST(Crash, WhenAsked) {
  if (std::getenv("KITTY_PROBE_CRASH") != nullptr) std::abort();
}

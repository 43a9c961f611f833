#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

// A file that did not declare ports gets no block, and a clear failure.
TEST(NoPorts, AskingForABlockFailsTheTest) {
  EXPECT_NONFATAL_FAILURE(kitty::port_block(), "which did not declare ports");
}

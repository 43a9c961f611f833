// A test program with its own main(): kitty is one call after InitGoogleTest.
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  kitty::install(&argc, argv);
  return RUN_ALL_TESTS();
}

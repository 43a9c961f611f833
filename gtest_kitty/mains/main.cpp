// main() of GTestKitty::main: GoogleTest's gtest_main plus kitty.
#include <gtest/gtest.h>

#include "runtime/install.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  const kitty::internal::Installation kitty = kitty::internal::install(&argc, argv, false);
  return kitty::internal::exit_code(kitty, RUN_ALL_TESTS());
}

// main() of GTestKitty::gmock_main: GoogleMock's gmock_main plus kitty.
#include <gmock/gmock.h>

#include "runtime/install.h"

int main(int argc, char** argv) {
  testing::InitGoogleMock(&argc, argv);
  const kitty::internal::Installation kitty = kitty::internal::install(&argc, argv, false);
  return kitty::internal::exit_code(kitty, RUN_ALL_TESTS());
}

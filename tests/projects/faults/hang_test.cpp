// A test that hangs when KITTY_PROBE_HANG=1 (its binary's tests have a 3 s
// TIMEOUT): ctest kills it, and the serial runs of bench and equivalence
// --executed must be bounded the same way, naming the test it hung in.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

TEST(Hang, BeforeIt) { SUCCEED(); }

TEST(Hang, WhenAsked) {
  const char* hang = std::getenv("KITTY_PROBE_HANG");
  if (hang == nullptr || std::string(hang) != "1") return;
  while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
}

}  // namespace

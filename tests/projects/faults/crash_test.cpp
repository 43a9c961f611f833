// A test that kills its process when KITTY_PROBE_CRASH=1: the tools must
// name the test the process died in, though it never reported an end.
#include <gtest/gtest.h>

#include <cstdlib>

namespace {

TEST(Crash, BeforeIt) { SUCCEED(); }

TEST(Crash, WhenAsked) {
  const char* crash = std::getenv("KITTY_PROBE_CRASH");
  if (crash != nullptr && std::string(crash) == "1") std::abort();
  SUCCEED();
}

}  // namespace

// A test that flips from one process to the next (when SPLIT_CHECK_FLIP is
// set, so that a plain run passes): it counts its runs in a file outside
// any home, and fails on every odd count. Run alone twice, it passes once
// and fails once, whatever the count it starts from.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace {

TEST(Flip, EveryOtherRun) {
  if (std::getenv("SPLIT_CHECK_FLIP") == nullptr) return;
  long count = 0;
  std::ifstream(SPLIT_CHECK_COUNTER) >> count;
  std::ofstream(SPLIT_CHECK_COUNTER) << count + 1;
  EXPECT_EQ(count % 2, 0) << "run " << count << " of this test: odd";
}

TEST(Flip, Steady) { SUCCEED(); }

}  // namespace

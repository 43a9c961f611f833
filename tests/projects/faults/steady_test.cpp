// Tests that pass in every run, with a little work each, so that a timeline
// of the run has something to draw.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace {

void work_for_a_while() {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(30);
  volatile unsigned sink = 0;
  while (std::chrono::steady_clock::now() < until) sink = sink + 1;
}

TEST(Steady, One) {
  work_for_a_while();
  EXPECT_EQ(1 + 1, 2);
}

TEST(Steady, Two) {
  work_for_a_while();
  EXPECT_EQ(2 * 2, 4);
}

}  // namespace

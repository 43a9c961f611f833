// A test that fails on a random half of runs, seeded by the ratchet's run
// number (KITTY_RATCHET_RUN), so that the test itself is deterministic: with
// seed 2000 + run, std::mt19937's first draw is even for runs 1 and 3 (pass)
// and odd for run 2 (fail). The engine's output is fixed by the standard.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

namespace {

unsigned run_number() {
  const char* run = std::getenv("KITTY_RATCHET_RUN");
  return run != nullptr ? static_cast<unsigned>(std::atoi(run)) : 0U;
}

TEST(Flaky, FailsOnASeededHalfOfRuns) {
  std::mt19937 engine(2000U + run_number());
  EXPECT_EQ(engine() % 2U, 0U) << "planted: fails on this run's draw (run " << run_number() << ")";
}

TEST(Flaky, NeighbourPasses) { SUCCEED(); }

}  // namespace

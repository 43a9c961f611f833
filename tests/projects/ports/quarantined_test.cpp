#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <cstdlib>

KITTY_QUARANTINE();

// Flaky elsewhere; here it fails only when it runs, which shows whether the
// quarantine held.
TEST(Quarantined, FailsWhenRun) { FAIL() << "a quarantined test ran"; }

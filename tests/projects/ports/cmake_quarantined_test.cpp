#include <gtest/gtest.h>

// Quarantined through kitty_add_tests(QUARANTINE_FILES).
TEST(CMakeQuarantined, FailsWhenRun) { FAIL() << "a quarantined test ran"; }

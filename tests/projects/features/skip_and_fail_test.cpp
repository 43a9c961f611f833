#include <gtest/gtest.h>

// One skip and one failure: ctest must report "Failed", never "Skipped".
TEST(SkipAndFail, Skips) { GTEST_SKIP() << "skipped on purpose"; }
TEST(SkipAndFail, Fails) { FAIL() << "planted failure"; }

// Stays whole: one ctest test for both.
#include <gtest/gtest.h>

TEST(Light, One) { SUCCEED(); }
TEST(Light, Two) { SUCCEED(); }

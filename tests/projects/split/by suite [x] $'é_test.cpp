// Split by suite: Alpha and Beta are one ctest test each.
#include <gtest/gtest.h>

TEST(Alpha, One) { SUCCEED(); }
TEST(Alpha, Two) { SUCCEED(); }
TEST(Beta, One) { SUCCEED(); }

// Whole: its Shared.B would also run in conflict_a_test.cpp's Shared unit.
#include <gtest/gtest.h>

TEST(Shared, B) { SUCCEED(); }

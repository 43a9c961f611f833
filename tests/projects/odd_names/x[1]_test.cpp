#include <gtest/gtest.h>

TEST(BalancedBrackets, Runs) { SUCCEED(); }

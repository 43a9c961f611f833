#include <gtest/gtest.h>

#include "param_defs.h"

INSTANTIATE_TEST_SUITE_P(Small, Squares, testing::Values(0, 1, 2));

TEST(ParamInst, OwnTest) { SUCCEED(); }

// Value-parameterised tests defined here, instantiated in param_inst_test.cpp.
#include <gtest/gtest.h>

#include "param_defs.h"

TEST_P(Squares, AreNonNegative) { EXPECT_GE(GetParam() * GetParam(), 0); }
TEST_P(Squares, GrowWithMagnitude) { EXPECT_GE(GetParam() * GetParam(), GetParam()); }

#include <gtest/gtest.h>

// Compiled by a target whose SOURCE_ROOT does not contain this file.
TEST(Far, Runs) { SUCCEED(); }

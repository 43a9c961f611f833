#include <gtest/gtest.h>

TEST(BracketArgumentCloser, Runs) { SUCCEED(); }

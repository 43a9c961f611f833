#include <gtest/gtest.h>

TEST(Near, Runs) { SUCCEED(); }

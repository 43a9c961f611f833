// Split by suite, but suite Shared has a test in conflict_b_test.cpp too.
#include <gtest/gtest.h>

TEST(Shared, A) { SUCCEED(); }

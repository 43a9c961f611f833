// The same tests in every configuration.
#include <gtest/gtest.h>

TEST(Build, Adds) { EXPECT_EQ(2 + 2, 4); }
TEST(Build, Concatenates) { EXPECT_EQ(std::string("a") + "b", "ab"); }

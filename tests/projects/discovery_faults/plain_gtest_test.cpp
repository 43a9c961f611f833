#include <gtest/gtest.h>

#include <fstream>

// Run during discovery, this would leave its mark in the working directory.
TEST(PlainGtest, LeavesAMarkWhenRun) { std::ofstream("plain_gtest_ran") << "ran\n"; }

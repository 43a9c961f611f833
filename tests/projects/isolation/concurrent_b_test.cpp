// Runs at the same time as concurrent_a_test.cpp under ctest -j2 (both
// wait for each other): concurrently running files have distinct homes and
// distinct worker indexes.
#include "concurrent.h"

TEST(ConcurrentB, MeetsTheOtherFile) { meet_the_other_file("b", "a"); }

#include <gtest/gtest.h>

// Only disabled tests: ctest shows the file "Not Run (Disabled)".
TEST(DISABLED_Entirely, Never) { FAIL() << "a disabled suite ran"; }
TEST(PartlyDisabled, DISABLED_Never) { FAIL() << "a disabled test ran"; }

// Included as "unit_conflict_tests.h" by one file and as
// "./unit_conflict_tests.h" by the other: GoogleTest records this header
// under two spellings, and both would register as ctest test
// unit_conflict/unit_conflict_tests.h. No include guard, on purpose; each
// includer names its own suite.
#include <gtest/gtest.h>

TEST(KITTY_CONFLICT_SUITE, Runs) {}

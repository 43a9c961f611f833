// A deterministic failure next to a passing test in the same file: the
// ratchet must name the failing test, not the file.
#include <gtest/gtest.h>

namespace {

TEST(Broken, AlwaysFails) { EXPECT_EQ(6 * 7, 41) << "planted: fails in every run"; }

TEST(Broken, Passes) { EXPECT_EQ(6 * 7, 42); }

}  // namespace

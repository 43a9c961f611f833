// Split by test: every test below is a ctest test of its own, with the
// file's label.
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

KITTY_LABELS("heavy");

TEST(Store, Open) { SUCCEED(); }
TEST(Store, Close) { SUCCEED(); }
TEST(Scan, Full) { SUCCEED(); }
TEST(Scan, DISABLED_Slow) { FAIL() << "disabled: never runs"; }

template <typename T>
class Typed : public testing::Test {};
using Types = testing::Types<int, char>;
TYPED_TEST_SUITE(Typed, Types);
TYPED_TEST(Typed, Works) { EXPECT_EQ(sizeof(TypeParam) > 0, true); }

class Param : public testing::TestWithParam<int> {};
TEST_P(Param, Positive) { EXPECT_GT(GetParam(), 0); }
INSTANTIATE_TEST_SUITE_P(Values, Param, testing::Values(1, 2));

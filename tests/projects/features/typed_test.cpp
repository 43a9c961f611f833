#include <gtest/gtest.h>

#include <cstdint>

namespace {

template <typename T>
class Typed : public testing::Test {};
using Types = testing::Types<int, std::int64_t>;
TYPED_TEST_SUITE(Typed, Types);
TYPED_TEST(Typed, DefaultIsZero) { EXPECT_EQ(TypeParam{}, TypeParam{0}); }

template <typename T>
class TypedP : public testing::Test {};
TYPED_TEST_SUITE_P(TypedP);
TYPED_TEST_P(TypedP, Copies) {
  TypeParam value{3};
  EXPECT_EQ(TypeParam{value}, value);
}
REGISTER_TYPED_TEST_SUITE_P(TypedP, Copies);
INSTANTIATE_TYPED_TEST_SUITE_P(Ints, TypedP, Types);

}  // namespace

// KITTY_TRY, the CLI's one way to pass an error up: the error of the step
// comes back unchanged (message and exit code), the value is moved into the
// declared variable, and the steps after a failure do not run.
#include "cli/expected.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace kitty::cli {
namespace {

Expected<int> number(bool ok) {
  if (!ok) return fail("no number", 3);
  return 7;
}

Expected<std::unique_ptr<int>> owned(bool ok) {
  if (!ok) return fail("nothing owned");
  return std::make_unique<int>(5);
}

Expected<void> check(bool ok) {
  if (!ok) return fail("check failed", 4);
  return {};
}

Expected<std::string> steps(bool first, bool second, bool third, int& ran) {
  KITTY_TRY(const int value, number(first));
  ++ran;
  KITTY_TRY_VOID(check(second));
  ++ran;
  KITTY_TRY(std::unique_ptr<int> pointer, owned(third));  // moved, not copied
  ++ran;
  return std::to_string(value + *pointer);
}

TEST(KittyTry, GivesTheValuesWhenEveryStepSucceeds) {
  int ran = 0;
  const Expected<std::string> result = steps(true, true, true, ran);
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, "12");
  EXPECT_EQ(ran, 3);
}

TEST(KittyTry, ReturnsTheFirstErrorUnchangedAndStops) {
  int ran = 0;
  const Expected<std::string> first = steps(false, true, true, ran);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().message, "no number");
  EXPECT_EQ(first.error().exit_code, 3);
  EXPECT_EQ(ran, 0);
  const Expected<std::string> second = steps(true, false, true, ran);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().exit_code, 4);
  EXPECT_EQ(ran, 1);
  ran = 0;
  const Expected<std::string> third = steps(true, true, false, ran);
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().message, "nothing owned");
  EXPECT_EQ(ran, 2);
}

TEST(KittyTry, AssignsToAVariableGivenInsteadOfADeclaration) {
  const auto assign = [](bool ok, int& into) -> Expected<void> {
    KITTY_TRY(into, number(ok));
    return {};
  };
  int into = 0;
  EXPECT_TRUE(assign(true, into));
  EXPECT_EQ(into, 7);
  into = 0;
  EXPECT_FALSE(assign(false, into));
  EXPECT_EQ(into, 0);
}

}  // namespace
}  // namespace kitty::cli

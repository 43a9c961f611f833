// Death tests in both styles. A "threadsafe" death-test child re-executes the
// binary, with kitty's --kitty_file among its arguments; it must run its one
// test only. OtherTestWritesToStderr runs first in the file: if a child ran
// it too, its line would precede "dying" on the child's stderr and the
// anchored regexes below would not match.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace {

void set_death_test_style(const char* style) {
#ifdef GTEST_FLAG_SET
  GTEST_FLAG_SET(death_test_style, style);
#else
  testing::FLAGS_gtest_death_test_style = style;
#endif
}

TEST(DeathA, OtherTestWritesToStderr) { std::fprintf(stderr, "other test ran\n"); }

TEST(DeathB, FastStyle) {
  set_death_test_style("fast");
  EXPECT_DEATH(
      {
        std::fprintf(stderr, "dying\n");
        std::abort();
      },
      "^dying");
}

TEST(DeathB, ThreadsafeStyle) {
  set_death_test_style("threadsafe");
  EXPECT_EXIT(
      {
        std::fprintf(stderr, "dying\n");
        std::exit(3);
      },
      testing::ExitedWithCode(3), "^dying");
}

}  // namespace

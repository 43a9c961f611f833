// A binary of one file: kitty's selection is the whole run, so it leaves
// --gtest_filter as the user gave it; tests that read the flag (GoogleTest's
// own param tests do) see what a serial run sees.
#include <gtest/gtest.h>

#include <string>

TEST(FilterFlag, IsUntouchedWhenTheFileIsTheWholeBinary) {
#ifdef GTEST_FLAG_GET
  const std::string filter = GTEST_FLAG_GET(filter);
#else
  const std::string filter = testing::GTEST_FLAG(filter);
#endif
  EXPECT_EQ(filter, "*");
}

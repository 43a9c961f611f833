// A second file of the consumer project: its process gets kitty's home.
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <cstdlib>
#include <string>

namespace {

TEST(Home, IsKittysOwn) {
  const char* home = std::getenv("HOME");
  ASSERT_NE(home, nullptr);
  EXPECT_EQ(std::string(home), kitty::home());
}

}  // namespace

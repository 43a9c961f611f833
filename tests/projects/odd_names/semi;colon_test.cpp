#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "<unset>";
}

}  // namespace

// kitty_add_tests(ENVIRONMENT) values arrive whole, whatever they contain.
TEST(Semicolon, EnvironmentValuesArriveIntact) {
  EXPECT_EQ(variable("ODD_BRACKET"), "x]=]y");
  EXPECT_EQ(variable("ODD_SEMI"), "a;b");
  EXPECT_EQ(variable("ODD_QUOTES"), "'\"$HOME\"'");
  EXPECT_EQ(variable("ODD_OPEN"), "[z");
}

// Kitty's own variables after the user's are not swallowed by them.
TEST(Semicolon, KittyVariablesFollow) { EXPECT_NE(variable("KITTY_PORT_RANGE"), "<unset>"); }

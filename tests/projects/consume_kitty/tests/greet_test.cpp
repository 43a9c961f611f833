// A test file of the consumer project: plain GoogleTest, run under kitty.
#include <gtest/gtest.h>

#include <string>

namespace {

std::string greet(const std::string& name) { return "hello, " + name; }

TEST(Greet, NamesTheGuest) { EXPECT_EQ(greet("kitty"), "hello, kitty"); }

TEST(Greet, KeepsAnEmptyName) { EXPECT_EQ(greet(""), "hello, "); }

}  // namespace

// Tests that share nothing: each passes alone, in any order.
#include <gtest/gtest.h>

#include <string>

namespace {

TEST(Text, Size) { EXPECT_EQ(std::string("four").size(), 4u); }

TEST(Text, Find) { EXPECT_EQ(std::string("a=b").find('='), 1u); }

TEST(Text, Empty) { EXPECT_TRUE(std::string().empty()); }

TEST(Text, Skipped) { GTEST_SKIP() << "skipped whole and alone alike"; }

}  // namespace

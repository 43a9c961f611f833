#include "paths.h"

#include <gtest/gtest.h>

namespace kitty::internal {
namespace {

TEST(NormalizePath, FoldsDotsAndBackslashes) {
  EXPECT_EQ(normalize_path("a/./b/../c.cpp"), "a/c.cpp");
  EXPECT_EQ(normalize_path("a\\b\\c.cpp"), "a/b/c.cpp");
}

}  // namespace
}  // namespace kitty::internal

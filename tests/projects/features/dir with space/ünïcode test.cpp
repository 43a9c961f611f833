#include <gtest/gtest.h>

// A source path with a space and non-ASCII letters.
TEST(Unicode, PathWithSpaces) { SUCCEED(); }

// A non-ASCII file name: its unit name must reach ctest in UTF-8, not as
// mojibake of the ANSI code page.
#include <gtest/gtest.h>

namespace {

TEST(Unicode, Passes) { SUCCEED(); }

}  // namespace

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

// Labels that end a bracket argument early or open a list bracket.
KITTY_LABELS("x]=", "[open", "semi;label");

TEST(OpenBracket, Runs) { SUCCEED(); }

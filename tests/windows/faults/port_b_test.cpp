#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include "port_hold.h"

KITTY_USES_PORTS();

namespace {

TEST(PortB, BindsTheWholeBlock) { EXPECT_TRUE(hold_port_block("port_b")); }

}  // namespace

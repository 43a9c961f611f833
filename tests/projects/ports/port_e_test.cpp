#include <gtest/gtest.h>

#include "port_probe.h"

// Declared in CMake (PORT_FILES), not here.
TEST(PortE, BindsEveryPortOfItsBlock) { EXPECT_TRUE(hold_port_block("port_e")); }

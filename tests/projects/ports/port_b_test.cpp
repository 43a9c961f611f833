#include <gtest/gtest.h>

#include "port_probe.h"

PROBE_USES_PORTS();

TEST(PortB, BindsEveryPortOfItsBlock) { EXPECT_TRUE(hold_port_block("port_b")); }

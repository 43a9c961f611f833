#include <gtest/gtest.h>

#include "port_probe.h"

TEST(PlainB, RunsAlongsidePortFiles) { hold_without_ports("plain_b"); }

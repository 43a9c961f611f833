#include <gtest/gtest.h>

#include "port_probe.h"

TEST(PlainA, RunsAlongsidePortFiles) { hold_without_ports("plain_a"); }

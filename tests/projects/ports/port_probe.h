// What every port file does: bind each port of its block on loopback, with
// SO_REUSEADDR off, hold them for $KITTY_PROBE_HOLD_MS (default 300), and log
//   port <file> <first> <last> <start ns> <end ns> <bound ports>
// to $KITTY_PROBE_LOG. Plain files log "plain <file> <start> <end>".
#pragma once

#include <string>

#ifdef KITTY_PROBE_PLAIN
#define PROBE_USES_PORTS()
#else
#include <gtest_kitty/kitty.h>
#define PROBE_USES_PORTS() KITTY_USES_PORTS()
#endif

// True when it could bind every port of its block.
bool hold_port_block(const std::string& file);
void hold_without_ports(const std::string& file);

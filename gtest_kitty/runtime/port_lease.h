// The port block this process holds: taken once, before the first test of a
// unit that declared ports, and kept until the process ends.
#pragma once

#include <string>

#include <gtest_kitty/kitty.h>

#include "common/status.h"

namespace kitty::internal {

struct PortLease {
  bool declared = false;  // the unit declared ports
  PortBlock block;
  bool allocated_by_ctest = false;
  int lock_fd = -1;
};

PortLease& port_lease();

// Takes the block for a unit that declared ports: ctest's allocation (when
// there is one) or the first free block from `preferred`, locked either way.
// The range comes from KITTY_PORT_RANGE / KITTY_PORT_BLOCK_SIZE (default
// 9400-9449, one block). A bad range is a kUsage failure, a block that
// cannot be had a kPorts one.
Status lease_ports(int preferred);

}  // namespace kitty::internal

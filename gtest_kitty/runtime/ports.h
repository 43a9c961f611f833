// Ports: the block of the project's reserved range that one test process
// holds. ctest allocates blocks through RESOURCE_GROUPS (kitty writes the
// resource spec); a process also takes a cross-process lock on its block,
// which is what keeps two processes apart when ctest did not allocate (a
// direct run, another driver, two ctest runs on one machine). The lock is a
// flock: the kernel releases it when a process dies, however it dies.
#pragma once

#include <string>

#include <gtest_kitty/kitty.h>

#include "common/settings.h"
#include "common/status.h"

namespace kitty::internal {

struct PortRange {
  int first = 0;
  int last = -1;
  int block_size = 0;
  int blocks() const { return (last - first + 1) / block_size; }
  PortBlock block(int index) const {
    return {first + index * block_size, first + (index + 1) * block_size - 1};
  }
};

// "9400-9449" and a block size ("" or "0": the whole range) -> a range; a
// kUsage failure naming what is wrong (the values are KITTY_* settings).
Result<PortRange> parse_port_range(const std::string& range, const std::string& block_size);

// ctest's resource type for a range ("kitty_ports_9400_9449") and the id of
// a block in the spec ("block_9400_9409").
std::string port_resource_type(const PortRange& range);
std::string port_block_id(const PortBlock& block);

// The block ctest allocated to this process (CTEST_RESOURCE_GROUP_*), or an
// empty block when it allocated none of this range's type; a kPorts failure
// when the allocation is not a block of the range.
Result<PortBlock> allocated_block(const PortRange& range, const Environment& environment);

// The lock: one file per machine and user, <lock_dir>/ports.lock, in which a
// block is the byte range [first, last] under a POSIX record lock. Ranges
// that overlap exclude each other whatever the block size on either side
// (two build trees may split one range differently), and the lock belongs to
// the process: a child it forks without exec (a daemon) does not inherit it,
// and the kernel drops it when the process ends. The descriptor must stay
// open, and this process must not close any other descriptor of the file.

// Locks `block` (waiting, with a line on stderr that names the holder, while
// another process holds an overlapping range) and returns the descriptor; a
// kPorts failure when the lock file cannot be used.
Result<int> lock_block(const PortBlock& block, const std::string& lock_dir);

struct LockedBlock {
  PortBlock block;
  int fd = -1;  // holds the lock: keep it open
};

// Without an allocation: the first block that can be locked right away,
// trying from `preferred`; if none, waits for `preferred`.
Result<LockedBlock> lock_any_block(const PortRange& range, int preferred,
                                   const std::string& lock_dir);

// The lock file of `lock_dir`.
std::string port_lock_file(const std::string& lock_dir);

// KITTY_PORT_LOCK_DIR, else /tmp/gtest-kitty-ports-<uid>: one place per
// machine (not the isolated TMPDIR), since ports are the machine's.
std::string port_lock_dir();

}  // namespace kitty::internal

#include "runtime/port_lease.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <gtest_kitty/protocol.h>

#include "common/settings.h"
#include "runtime/misuse.h"
#include "runtime/ports.h"

namespace kitty::internal {

PortLease& port_lease() {
  static PortLease lease;
  return lease;
}

Status lease_ports(int preferred) {
  const char* range_text = read_setting("KITTY_PORT_RANGE");
  const char* size_text = read_setting("KITTY_PORT_BLOCK_SIZE");
  const Result<PortRange> range = parse_port_range(range_text != nullptr && *range_text != '\0'
                                                       ? std::string(range_text)
                                                       : std::string(protocol::kDefaultPortRange),
                                                   size_text != nullptr ? size_text : "");
  if (!range) return range.status();

  PortLease& lease = port_lease();
  lease.declared = true;
  const Result<PortBlock> allocated = allocated_block(*range, process_variable);
  if (!allocated) return allocated.status();
  const std::string lock_dir = port_lock_dir();
  if (allocated->size() > 0) {
    // ctest keeps its own tests apart; the lock keeps other runs away.
    const Result<int> fd = lock_block(*allocated, lock_dir);
    if (!fd) return fd.status();
    lease.block = *allocated;
    lease.allocated_by_ctest = true;
    lease.lock_fd = *fd;
  } else {
    const Result<LockedBlock> locked =
        lock_any_block(*range, preferred < 0 ? 0 : preferred, lock_dir);
    if (!locked) return locked.status();
    lease.block = locked->block;
    lease.lock_fd = locked->fd;
  }
  std::printf("gtest_kitty: ports %d-%d (%s)\n", lease.block.first, lease.block.last,
              lease.allocated_by_ctest ? "allocated by ctest, locked" : "locked");
  return {};
}

}  // namespace kitty::internal

namespace kitty {

PortBlock port_block(const char* caller_file, int caller_line) {
  const internal::PortLease& lease = internal::port_lease();
  if (!lease.declared) {
    const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
    internal::fail_at_call(caller_file, caller_line,
                           std::string("gtest_kitty: kitty::port_block() called from ") +
                               (test != nullptr ? test->file() : "a file") +
                               ", which did not declare ports: add KITTY_USES_PORTS(); to "
                               "it, or list it in kitty_add_tests(... PORT_FILES ...)");
    return {};
  }
  return lease.block;
}

}  // namespace kitty

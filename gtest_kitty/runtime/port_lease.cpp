#include "runtime/port_lease.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "common/settings.h"
#include "runtime/misuse.h"
#include "runtime/ports.h"

namespace kitty::internal {

PortLease& port_lease() {
  static PortLease lease;
  return lease;
}

std::string lease_ports(int preferred) {
  const char* range_text = read_setting("KITTY_PORT_RANGE");
  const char* size_text = read_setting("KITTY_PORT_BLOCK_SIZE");
  std::string error;
  const PortRange range =
      parse_port_range(range_text != nullptr && *range_text != '\0' ? range_text : "9400-9449",
                       size_text != nullptr ? size_text : "", error);
  if (!error.empty()) return error;

  PortLease& lease = port_lease();
  lease.declared = true;
  lease.block = allocated_block(range, process_variable, error);
  if (!error.empty()) return error;
  const std::string lock_dir = port_lock_dir();
  if (lease.block.size() > 0) {
    // ctest keeps its own tests apart; the lock keeps other runs away.
    lease.allocated_by_ctest = true;
    lease.lock_fd = lock_block(lease.block, lock_dir, error);
  } else {
    lease.block =
        lock_any_block(range, preferred < 0 ? 0 : preferred, lock_dir, lease.lock_fd, error);
  }
  if (!error.empty()) return error;
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

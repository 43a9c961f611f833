// A binary that never reaches main(): its static initialiser aborts, exits
// or hangs (KITTY_FAULT_ABORT, KITTY_FAULT_EXIT, KITTY_FAULT_HANG).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace {

int fail_at_start() {
#if defined(KITTY_FAULT_ABORT)
  for (int line = 1; line <= 60; ++line) std::fprintf(stderr, "static init line %02d\n", line);
  std::fprintf(stderr, "static init: about to abort\n");
  std::abort();
#elif defined(KITTY_FAULT_EXIT)
  std::fprintf(stderr, "static init: cannot read /etc/kitty-fault.conf\n");
  std::exit(3);
#elif defined(KITTY_FAULT_HANG)
  std::this_thread::sleep_for(std::chrono::seconds(60));
#endif
  return 0;
}

[[maybe_unused]] const int started = fail_at_start();

}  // namespace

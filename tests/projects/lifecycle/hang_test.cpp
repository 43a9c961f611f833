// A test that hangs with a child running, until something ends it: ctest's
// TIMEOUT, or the ctest run going away.
#include <gtest/gtest.h>
#include <unistd.h>

#include "probe.h"

TEST(Hang, WithAChild) {
  if (!probe::asked("hang")) return;
  probe::record_pid("hang_child", probe::start_sleep(300));
  probe::record_pid("hang", getpid());
  for (;;) pause();
}

// A passing test that leaves processes running: a plain child, and a daemon
// that double-forks into a session of its own (out of the test's process
// group, reparented away from the test).
#include <gtest/gtest.h>
#include <unistd.h>

#include "probe.h"

TEST(Leftover, LeavesAChildRunning) {
  if (!probe::asked("leftover")) return;
  probe::record_pid("child", probe::start_sleep(120));
}

TEST(Leftover, LeavesADaemonRunning) {
  if (!probe::asked("leftover")) return;
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  if (fork() == 0) {
    setsid();
    const pid_t daemon = fork();
    if (daemon == 0) {
      close(ready[0]);
      probe::record_pid("daemon", getpid());
      close(ready[1]);
      pause();
      _exit(0);
    }
    _exit(daemon > 0 ? 0 : 1);
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 0);  // the daemon wrote its pid
  close(ready[0]);
}

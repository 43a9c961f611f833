// The supervisor: the process between the launcher and the test binary. It
// exists so that nothing a test starts outlives the test, even when ctest
// kills the launcher (a TIMEOUT is SIGKILL, which the launcher cannot catch):
//
//   ctest -> launcher -> supervisor -> test binary -> whatever the test starts
//
// The supervisor is a child subreaper, so every process the test leaves
// behind (a `sleep 120 &`, a forked daemon, a double-forked one) becomes its
// child when its own parent ends. When the test ends, the supervisor ends
// them (SIGTERM, then SIGKILL after a grace period). It is told when the
// launcher dies (PR_SET_PDEATHSIG) and then kills the test and the rest at
// once. It also sees a test process that ended before GoogleTest's end of
// the run (GoogleTest's TEST_PREMATURE_EXIT_FILE is still there).
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

namespace kitty::internal {

struct SupervisedEnd {
  bool known = false;      // false: the supervisor itself died, nothing else is known
  int status = 0;          // the test process's wait status
  bool premature = false;  // it exited before GoogleTest's end of the run
  bool stopped = false;    // the supervisor ended it (the launcher died, or was told to stop)
  int left = 0;            // processes it left running that the supervisor ended
  pid_t pid = -1;          // the test process
  long long ended_us = 0;  // when the supervisor saw it end
};

struct SupervisorPlan {
  char* const* program = nullptr;   // null-terminated argv of the test binary
  std::function<void()> prepare;    // runs in the test process before exec
  std::string premature_exit_file;  // GoogleTest's TEST_PREMATURE_EXIT_FILE for the test
  std::function<void(const SupervisedEnd&)> on_end;  // runs in the supervisor, last
};

// Starts the supervisor, which starts the test; returns the supervisor's pid
// (or -1 with errno set). Its end is read with wait_supervised().
pid_t start_supervised(const SupervisorPlan& plan, int& result_fd);

// Waits for the supervisor started by start_supervised() and returns how the
// test ended.
SupervisedEnd wait_supervised(pid_t supervisor, int result_fd);

}  // namespace kitty::internal

// The supervisor: what starts the test binary for the launcher and makes
// sure that nothing a test starts outlives the test, even when ctest kills
// the launcher (a TIMEOUT is SIGKILL on POSIX, TerminateProcess on Windows,
// neither of which the launcher can catch).
//
// POSIX (platform/posix/supervisor.cpp): a process between the launcher and
// the test binary,
//
//   ctest -> launcher -> supervisor -> test binary -> whatever the test starts
//
// a child subreaper, so every process the test leaves behind (a `sleep 120 &`,
// a forked daemon, a double-forked one) becomes its child when its own
// parent ends. When the test ends, the supervisor ends them (SIGTERM, then
// SIGKILL after a grace period). It is told when the launcher dies
// (PR_SET_PDEATHSIG) and then kills the test and the rest at once.
//
// Windows (platform/windows/supervisor.cpp): no process in between. The test
// starts suspended in a job object that kills every process in it when its
// last handle closes, which the launcher holds: the launcher killed, the job
// ends the test and all it started. When the test ends, what is still in the
// job is counted, named and ended.
//
// Both see a test process that ended before GoogleTest's end of the run
// (GoogleTest's TEST_PREMATURE_EXIT_FILE is still there).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "platform/process.h"
#include "platform/process_status.h"

namespace kitty::internal {

struct SupervisedEnd {
  bool known = false;      // false: the supervisor itself died, nothing else is known
  ProcessStatus status;    // how the test process ended (the supervisor's when not known)
  bool premature = false;  // it exited before GoogleTest's end of the run
  bool stopped = false;    // the supervisor ended it (the launcher died, or was told to stop)
  bool orphaned = false;   // the launcher was gone when the test ended (on_end is the last word)
  int left = 0;            // processes it left running that the supervisor ended
  ProcessId pid = -1;      // the test process
  long long ended_us = 0;  // when the supervisor saw it end
};

struct SupervisorPlan {
  char* const* program = nullptr;  // null-terminated argv of the test binary, in UTF-8
  // Runs before the test binary starts, where the test inherits what it
  // changes in the environment (POSIX: in the test's process before exec;
  // Windows: in the launcher before CreateProcessW).
  std::function<void()> prepare;
  std::string premature_exit_file;  // GoogleTest's TEST_PREMATURE_EXIT_FILE for the test
  // Runs last, after the test and what it left ended (POSIX: in the
  // supervisor, so also after a killed launcher; Windows: in the launcher).
  std::function<void(const SupervisedEnd&)> on_end;
};

// A started supervision; what it holds is the platform's.
class Supervision;
struct SupervisionDeleter {
  void operator()(Supervision* supervision) const;
};
using SupervisionHandle = std::unique_ptr<Supervision, SupervisionDeleter>;

// Whether SupervisorPlan::prepare runs in the test's own process (POSIX),
// not in the launcher's (Windows).
bool prepare_runs_in_test();

// Starts the test under supervision; null, with the reason in `error` (one
// line), when the supervision cannot be set up. A test binary that cannot
// be run is not that: it is said, and ends with 127, as a shell's would.
// Its end is read with wait_supervised().
SupervisionHandle start_supervised(const SupervisorPlan& plan, std::string& error);

// Waits for the supervised test (and what it left) to end and returns how
// the test ended.
SupervisedEnd wait_supervised(Supervision& supervision);

// Passes a stop request the launcher was sent (SIGTERM, SIGINT, ...: ctest
// cancelled, a Ctrl-C) on to the test; safe in a signal handler. A no-op on
// Windows, where a console's Ctrl-C reaches the test itself.
void forward_stop(Supervision* supervision, int signal_number);

}  // namespace kitty::internal

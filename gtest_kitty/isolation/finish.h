// Finishing a process (or one test's scope): what "passed" means, decided
// here once, and what follows from it: a passing one's directories are
// removed, a failing one's kept. The launcher finishes the processes it
// starts, a binary run directly finishes itself, and HOME_SCOPE test
// finishes every test. No GoogleTest in here.
#pragma once

#include <string>

#include "isolation/isolation.h"

namespace kitty::internal {

// How a process ended.
struct Ending {
  bool known = true;       // false: its supervisor died, the outcome is unknown
  bool exited = true;      // false: a signal ended it
  int exit_code = 0;       // when it exited
  bool premature = false;  // it exited while its tests ran (GoogleTest's premature-exit file)
  bool stopped = false;    // it was stopped (SIGSTOP) and then died
};

// An exit, plainly.
Ending exit_ending(int exit_code);

// GoogleTest's verdict on a run or a test, as the exit it ends with (a run
// that only skipped ends with 77, which passes as 0 does).
Ending verdict_ending(bool failed);

// Passed: it exited plainly with 0 or 77 (every selected test skipped).
// Anything else, a crash, a kill, an early exit, a stop, an unknown end, an
// exit code kitty or the test chose, keeps the directories.
bool passed(const Ending& ending);

struct Finished {
  bool passed = false;
  std::string said;  // what to tell the user: the kept home, or why removal failed
};

// Finishes a process's isolation: removes it (and its run when nothing else
// is left) when it passed, keeps it when not (see retire_process).
Finished finish_process(const Isolation& isolation, const Ending& ending);

// Finishes one test's directories (HOME_SCOPE test): removed when it passed.
// `said` is the removal's error, if any; the kept directory is for the
// caller to name, in its own words.
Finished finish_test_scope(const std::string& test_dir, const Ending& ending);

}  // namespace kitty::internal

// Runs a program to completion and captures what it printed. A program that
// cannot be started (not found, not executable, its working directory
// missing) is an error, never an exit code a program could also return.
// With a timeout, the program runs in a process group of its own, and the
// whole group is killed when it expires.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct ProcessResult {
  int exit_code = -1;      // 128 + signal when killed by one
  std::string output;      // stdout, and stderr interleaved as written unless told apart
  bool timed_out = false;  // killed (SIGKILL, with its process group) at the timeout
};

struct ProcessOptions {
  std::string working_directory;                   // empty: inherit
  std::map<std::string, std::string> environment;  // set on top of ours
  std::vector<std::string> unset_environment;      // removed from ours
  bool merge_stderr = true;                        // false: stderr passes through, not captured
  bool capture = true;                             // false: stdout and stderr pass through too
  double timeout_seconds = 0;                      // 0: wait as long as it runs
  // Called with each chunk of captured output as it arrives (progress).
  std::function<void(const std::string& chunk)> on_output;
};

// Errors: the program could not be started ("cannot run ctest: No such file
// or directory"), or the pipe or the fork failed.
Expected<ProcessResult> run_program(const std::vector<std::string>& argv,
                                    const ProcessOptions& options = {});

}  // namespace kitty::cli

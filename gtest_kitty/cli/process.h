// Runs a program to completion and captures what it printed. An exit code
// of 127 means it could not be started.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kitty::cli {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed by one
  std::string output;  // stdout, and stderr interleaved as written unless told apart
};

struct ProcessOptions {
  std::string working_directory;                   // empty: inherit
  std::map<std::string, std::string> environment;  // set on top of ours
  std::vector<std::string> unset_environment;      // removed from ours
  bool merge_stderr = true;                        // false: stderr passes through, not captured
  bool capture = true;                             // false: stdout and stderr pass through too
  // Called with each chunk of captured output as it arrives (progress).
  std::function<void(const std::string& chunk)> on_output;
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace kitty::cli

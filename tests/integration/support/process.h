// Runs a real program to completion and captures what it printed.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kitty_it {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed by one
  std::string output;  // stdout and stderr, interleaved as written
};

struct ProcessOptions {
  std::string working_directory;                   // empty: inherit
  std::map<std::string, std::string> environment;  // set on top of ours
  std::vector<std::string> unset_environment;      // removed from ours
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace kitty_it

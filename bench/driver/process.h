// Running a command and collecting its output: ctest, gtest-kitty and
// hyperfine, each started directly (no shell).
#pragma once

#include <string>
#include <vector>

namespace kitty_bench {

struct Launch {
  std::vector<std::string> argv;
  std::string working_directory;         // empty: the driver's
  std::vector<std::string> environment;  // NAME=value, added to the driver's
};

// `argv`, in the driver's working directory and environment.
inline Launch plain(std::vector<std::string> argv) {
  Launch launch;
  launch.argv = std::move(argv);
  return launch;
}

struct Finished {
  int exit_code = 0;   // 128 + N for death by signal N
  std::string output;  // stdout, then stderr when `merge` is false
};

// Runs `launch` to its end (stdin inherited); throws when it cannot be started.
Finished run(const Launch& launch, bool merge_stderr = true);

}  // namespace kitty_bench

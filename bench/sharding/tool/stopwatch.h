// Timing of the sharding benchmark's commands: each run's wall time and CPU
// time (user + system of the process and every child it waited for, from
// wait4), and two commands timed in turn so that a change in the machine's
// load falls on both alike (the medians of their paired differences).
#pragma once

#include <string>
#include <vector>

namespace shard_bench {

struct Timing {
  double wall_ms = 0;
  double cpu_ms = 0;
  int exit_code = 0;  // 128 + the signal's number when a signal ended it
};

// Runs `argv` (PATH searched) with its output appended to `log` (or
// discarded when empty) and waits for it; a command that cannot be started
// exits 127.
Timing time_command(const std::vector<std::string>& argv, const std::string& log);

double median(std::vector<double> values);

}  // namespace shard_bench

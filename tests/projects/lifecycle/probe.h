// What the integration test asked this run to do (KITTY_PROBE), and where
// the tests leave the pids it checks (KITTY_PROBE_DIR).
#pragma once

#include <sys/types.h>

#include <string>

namespace probe {

// True when KITTY_PROBE names `fault`.
bool asked(const std::string& fault);

// Writes `pid` to $KITTY_PROBE_DIR/<name>.pid (written whole, then renamed,
// so a reader never sees half of it).
void record_pid(const std::string& name, pid_t pid);

// Starts `sleep <seconds>` as a child of this process.
pid_t start_sleep(int seconds);

}  // namespace probe

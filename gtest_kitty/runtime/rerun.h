// The command that reruns a selection by hand, outside ctest: printed when
// tests fail (so that one flaky test does not mean rerunning its whole file)
// and written into the run record's header for gtest-kitty ratchet.
#pragma once

#include <string>
#include <vector>

namespace kitty::internal {

// `cd <dir> && [VAR=value ...] <program> <selector flag>`: the working
// directory, the variables that shape this run (KITTY_* settings, and those
// kitty_add_tests' ENVIRONMENT set, named by KITTY_ENVIRONMENT_NAMES), the
// program by absolute path and the selection. Read when called: call it
// before kitty consumes its variables.
std::string rerun_prefix(const std::string& program, const std::string& selector_flag);

// The prefix with --gtest_filter naming `tests` (Suite.Name each).
std::string rerun_command(const std::string& prefix, const std::vector<std::string>& tests);

}  // namespace kitty::internal

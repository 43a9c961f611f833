// What gtest-kitty guard does, apart from its command line: runs a command
// between two snapshots of a home (and chosen paths) and reports what
// changed; the self-check proves that on a throwaway home.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "cli/expected.h"
#include "cli/model/home_snapshot.h"

namespace kitty::cli {

// Levels of a chosen --path guarded (all of them, in practice).
inline constexpr int kGuardFullDepth = 64;

// The changes to `home` (down to `depth` levels, without `excluded`) and to
// `paths` while `command` ran; the command's exit code through
// `command_exit`. An error when a snapshot is too large or the command
// cannot be started.
Expected<std::vector<Change>> guarded_run(const std::string& home,
                                          const std::vector<std::string>& paths, int depth,
                                          const std::set<std::string>& excluded,
                                          const std::vector<std::string>& command,
                                          int& command_exit);

// Anti-vacuity, in a throwaway home made under `temp_base` (empty: the
// system's temporary directory): a command that writes must be caught and
// one that does not must pass. Prints its verdict; 0 when both held, 1 when
// not; an error when the home cannot be made or the commands cannot run.
Expected<int> guard_self_check(const std::string& temp_base = {});

}  // namespace kitty::cli

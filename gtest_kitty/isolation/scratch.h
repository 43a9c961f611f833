// Where the live homes of a run are made. On a RAM filesystem (tmpfs), a
// home's eight directories cost microseconds to make and remove; on a build
// tree's disk about a millisecond and more. The base keeps what is evidence
// (runs, records, the homes of failed processes, moved there by
// tree_move.h); the scratch holds homes only while their processes run.
// KITTY_SCRATCH: auto (the default: /dev/shm when it is tmpfs with room,
// else the base), off (the base), or a directory.
#pragma once

#include <string>

#include "common/settings.h"

namespace kitty::internal {

// The free space auto asks of /dev/shm: a test writing into its HOME or
// TMPDIR must not find less room than a disk would give it.
inline constexpr unsigned long long kScratchMinimumFree = 1ull << 30;

struct Scratch {
  std::string root;   // <dir>/gtest-kitty-<uid>, 0700, ours; empty: the base
  std::string error;  // one line: a directory named by KITTY_SCRATCH is unusable
};

Scratch scratch_from_environment(const Environment& environment = process_variable);

// One run's scratch directory: <root>/<run-id>-<hash of the base>, so that
// two build trees running at once never share one.
std::string scratch_run_dir(const std::string& root, const std::string& base,
                            const std::string& run_id);

// The scratch directories of `root` that belong to runs of `base` (the run
// id of each), for pruning what a killed run left.
bool is_scratch_of(const std::string& name, const std::string& base, std::string& run_id);

}  // namespace kitty::internal

// Retention: what happens to isolated directories after the process. Those
// of passing processes are removed, those of failing ones kept (and their
// path printed), old runs pruned. Removal never follows a symbolic link out
// of the tree it removes.
#pragma once

#include <string>

#include "common/settings.h"

namespace kitty::internal {

struct Isolation;

// What pruning keeps, read from the environment once per process. Runs are
// weighed against runs of their own kind only (the user's ctest runs, runs
// by hand, the tools' runs: see kRunKind* in isolation.h).
struct RetentionPolicy {
  int keep_runs = 3;          // KITTY_KEEP_RUNS: the last runs, whatever their outcome
  int keep_failed_runs = 10;  // KITTY_KEEP_FAILED_RUNS: a run that kept a home survives
                              // this many later runs...
  int keep_days = 0;          // KITTY_KEEP_DAYS: ...or, when longer, this many days
};

// The policy from the environment; `error` is set (one line) when a variable
// (or KITTY_RUN_KIND) is malformed.
RetentionPolicy retention_policy(std::string& error,
                                 const Environment& environment = process_variable);

// Removes the runs in `base` other than `current`, of the current run's kind,
// that the policy does not keep, skipping any run a live process still holds
// a worker lease in. A run whose removal fails is tried again next time.
void prune_runs(const std::string& base, const std::string& current, const RetentionPolicy& policy);

// Moves the homes a run left in the scratch (its launcher was killed before
// it could) to that run in `base`, and removes the scratch directories of
// runs of `base` other than `current` that hold nothing.
void prune_scratch(const std::string& scratch_root, const std::string& base,
                   const std::string& current);

// After a process ends (isolation/finish.h decides `passed`): removes the directories of a passing
// one (and its run, when nothing else is left in it), keeps a failing one's. Returns what to tell
// the user: the kept home, or why a passing one's could not be removed; empty when nothing.
std::string retire_process(const Isolation& isolation, bool passed);

}  // namespace kitty::internal

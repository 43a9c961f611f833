// Retention: what happens to isolated directories after the process. Those
// of passing processes are removed, those of failing ones kept (and their
// path printed), old runs pruned. Removal never follows a symbolic link out
// of the tree it removes.
#pragma once

#include <string>

namespace kitty::internal {

struct Isolation;

// How many runs to keep, and what else decides pruning; read from the
// environment once per process.
struct RetentionPolicy {
  int keep_runs = 3;  // KITTY_KEEP_RUNS
};

// The policy from the environment; `error` is set (one line) when a variable
// is malformed.
RetentionPolicy retention_policy(std::string& error);

// Removes a directory tree without following any symbolic link: a link is
// removed, never what it points to. Returns an error message, empty on success.
std::string remove_tree(const std::string& dir);

// Removes the runs in `base` other than `current` that the policy does not
// keep, skipping any run a live process still holds a worker lease in.
void prune_runs(const std::string& base, const std::string& current, const RetentionPolicy& policy);

// After a process ends: removes the directories of a passing one, keeps a
// failing one's. Returns what to tell the user (empty when nothing).
std::string retire_process(const Isolation& isolation, bool passed);

}  // namespace kitty::internal

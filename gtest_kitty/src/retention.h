// Retention: what happens to isolated directories after the process. Those
// of passing processes are removed, those of failing ones kept (and their
// path printed), old runs pruned. Removal never follows a symbolic link out
// of the tree it removes.
#pragma once

#include <string>

namespace kitty::internal {

// Removes a directory tree without following any symbolic link: a link is
// removed, never what it points to. Returns an error message, empty on success.
std::string remove_tree(const std::string& dir);

// Removes the runs in `base` other than `current` beyond the `keep` most
// recently modified, skipping any run a live process still holds a worker
// lease in.
void prune_runs(const std::string& base, const std::string& current, int keep);

// KITTY_KEEP_RUNS (1 to 1000), default 3; -1 with `error` set when malformed.
int runs_to_keep(std::string& error);

}  // namespace kitty::internal

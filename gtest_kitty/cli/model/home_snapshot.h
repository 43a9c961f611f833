// A snapshot of a directory tree for the real-home guard: for every entry,
// whether it exists, its type, inode, size and modification time. Links are
// recorded, never followed.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct EntryState {
  char type = '?';  // 'd' directory, 'f' file, 'l' link, 'o' other
  unsigned long long inode = 0;
  long long size = 0;
  long long mtime_ns = 0;
  bool operator==(const EntryState&) const = default;
};

// Path (as given root + relative part) -> state. A root that does not exist
// is recorded as absent, so that its creation is a change too.
using Snapshot = std::map<std::string, EntryState>;

// Walks each root down to `depth` levels (0: the root alone); fails past
// `max_entries`, rather than guard a part of the tree silently. Paths in
// `excluded` (spelled as the walk reaches them: root + "/" + names) are
// left out with everything below them.
Expected<Snapshot> take_snapshot(const std::vector<std::string>& roots, int depth,
                                 size_t max_entries, const std::set<std::string>& excluded = {});

struct Change {
  std::string path;
  std::string what;  // "created", "removed", "modified (size, mtime)", ...
};

std::vector<Change> compare_snapshots(const Snapshot& before, const Snapshot& after);

}  // namespace kitty::cli

// Moving a kept home from the scratch filesystem (tmpfs) to the base, where
// the evidence of a failed process is promised: a rename when both are one
// filesystem, else a copy then the removal of the original. The tree is a
// test's: it may hold unreadable directories, links to anywhere, FIFOs and
// sockets. Nothing outside it is followed or touched.
#pragma once

#include <string>
#include <vector>

namespace kitty::internal {

struct TreeMove {
  std::string error;                 // one line, the first failure; empty when moved
  std::vector<std::string> skipped;  // what a copy could not carry (FIFOs, sockets, devices)
};

// Moves directory `from` to `to` (which must not exist; its parent must).
// Copied: directories and regular files with their modes, symbolic links as
// links. A part that cannot be copied is named in `skipped` or `error`; the
// original is removed only when the copy is whole.
TreeMove move_tree(const std::string& from, const std::string& to);

}  // namespace kitty::internal

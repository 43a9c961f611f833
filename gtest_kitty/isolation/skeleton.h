// The directories of one isolated home: made in one place, and removed in
// one place the cheap way when a passing process left them as they were
// made. Every process of a run pays for both, so both are a handful of
// system calls (a tree walk costs about 60).
#pragma once

#include <string>

namespace kitty::internal {

// mkdir 0700 that accepts an existing directory of ours, never a link, a
// file or another user's: "" or the one-line error.
std::string ensure_directory(const std::string& path);
// The check alone, for a path whose mkdir said it exists.
std::string check_directory(const std::string& path);

// Makes <dir>/home with its XDG directories and <dir>/tmp, 0700, each by a
// mkdir of ours (an existing directory of ours is accepted, never a link, a
// file, or another user's); "" or the one-line error.
std::string make_skeleton(const std::string& dir);

// Removes <dir> when it holds exactly the empty skeleton: true when it is
// gone. Never follows a link the test put in place of one of the
// directories; anything else there (a file, a link, a changed mode) leaves
// the rest for the tree walk (isolation/tree_removal.h), and false.
bool remove_bare_skeleton(const std::string& dir);

}  // namespace kitty::internal

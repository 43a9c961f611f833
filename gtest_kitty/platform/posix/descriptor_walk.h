// The descriptor walks under tree removal and tree moves on POSIX
// (platform/posix/tree_removal.cpp, tree_move.cpp): a directory reached
// from an open parent, never through a link, however hostile the tree.
#pragma once

#include <string>
#include <vector>

namespace kitty::internal {

// Opens directory `name` below `parent_fd` (never through a link) and makes
// it ours to empty; -1 with errno when it cannot.
int open_directory_to_empty(int parent_fd, const std::string& name);

// The entry names of the directory open as `fd` (which stays open), from
// the top whatever was read of it before.
bool list_names(int fd, std::vector<std::string>& names);

// Empties the directory open as `fd` (closed by this call), leaving the
// entry `except` of the top directory; `root` names it in messages. The
// first error is returned, empty on success.
std::string empty_directory(int fd, const std::string& root, const std::string& except = "");

}  // namespace kitty::internal

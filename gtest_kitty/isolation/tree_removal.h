// Removing a directory tree that a test may have made hostile: unreadable or
// unwritable directories, links to outside, any depth. Nothing outside the
// tree is ever followed or touched. Used for a passing process's home
// (retention.h), a test's scope (finish.h) and a pruned run.
#pragma once

#include <string>
#include <vector>

namespace kitty::internal {

// Removes a directory tree without following any symbolic link: a link is
// removed, never what it points to. Needs a few file descriptors, however
// deep the tree. Returns an error message naming the first failure (the
// cause), empty on success.
std::string remove_tree(const std::string& dir);

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

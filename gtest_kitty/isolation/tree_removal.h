// Removing a directory tree that a test may have made hostile: unreadable or
// unwritable directories, links to outside, any depth. Nothing outside the
// tree is ever followed or touched. Used for a passing process's home
// (retention.h), a test's scope (finish.h) and a pruned run.
#pragma once

#include <string>

namespace kitty::internal {

// Removes a directory tree without following any symbolic link: a link is
// removed, never what it points to (on Windows: a junction or other reparse
// point neither). POSIX: platform/posix/tree_removal.cpp, a few descriptors
// however deep the tree; Windows: platform/windows/tree_removal.cpp. Returns an error message
// naming the first failure (the cause), empty on success.
std::string remove_tree(const std::string& dir);

// Empties directory `dir` as remove_tree() does, leaving its entry `except`
// (and `dir` itself). The first error is returned, empty on success.
std::string empty_tree(const std::string& dir, const std::string& except);

}  // namespace kitty::internal

// Source paths as GoogleTest records them (__FILE__), and the relative names
// kitty gives them.
#pragma once

#include <string>

namespace kitty::internal {

// Lexically normalised, with '/' separators: "a/./b/../c.cpp" -> "a/c.cpp".
std::string normalize_path(const std::string& path);

// True when `selector` names `file`: equal after normalisation, or a relative
// selector equal to the file's trailing path components ("sync/x_test.cpp"
// names "/src/tests/sync/x_test.cpp", never "/src/tests/async/x_test.cpp").
// With `ignore_case` (Windows: platform/files.h file_names_ignore_case()),
// ASCII letters match whatever their case.
bool path_selects(const std::string& selector, const std::string& file, bool ignore_case = false);

// The name of `file` as kitty's units and listing give it: relative to `root`
// when it lies below it. Outside it, never with "..": "@up<N>/<path>" for a
// file N levels above the root (the nearest common directory, then the path
// below it), or "@<absolute path>" when the two share only the filesystem
// root. Names stay unique (one file, one name), stable across checkouts of
// one tree, and say where the file is. A relative `file` (a relative
// __FILE__) or root stays as it is, normalised, its leading ".." made
// "@up<N>/" likewise; an empty root leaves the file normalised.
std::string relative_to(const std::string& file, const std::string& root);

// True for a name relative_to gives a file outside the root.
bool names_outside_root(const std::string& name);

}  // namespace kitty::internal

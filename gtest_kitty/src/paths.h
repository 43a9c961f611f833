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
bool path_selects(const std::string& selector, const std::string& file);

// `file` relative to `root` when it lies below it; otherwise relative with
// leading "../" components when both are absolute; otherwise `file` itself,
// normalised. An empty root leaves the file as it is, normalised.
std::string relative_to(const std::string& file, const std::string& root);

}  // namespace kitty::internal

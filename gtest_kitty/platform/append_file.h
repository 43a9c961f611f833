// Appending to a file that exists: what the launcher's side adds to a run
// record (record_file.h). POSIX: platform/posix/append_file.cpp; Windows:
// platform/windows/append_file.cpp.
#pragma once

#include <string>

namespace kitty::internal {

// Appends `text` to the existing file `path` (UTF-8) in one write, never
// creating it and never through a symbolic link; false when it cannot.
bool append_to_file(const std::string& path, const std::string& text);

}  // namespace kitty::internal

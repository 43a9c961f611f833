// Reading a small file whole (a /proc entry, a marker) with plain system
// calls. Why not std::ifstream: these reads happen in every kitty process
// before it starts the test (in the launcher and the supervisor too), and
// the first stream a process opens sets up the C++ locale machinery, which
// costs more than the read.
#pragma once

#include <string>

namespace kitty::internal {

// The file's contents, up to `limit` bytes; false when it cannot be opened
// or read.
bool read_small_file(const std::string& path, std::string& text, size_t limit = 65536);

// The first line of the file, without its newline; empty when unreadable.
std::string first_line_of(const std::string& path);

}  // namespace kitty::internal

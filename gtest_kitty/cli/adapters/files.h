// Reading the file system without exceptions: the entries of a directory and
// the whole text of a file, each an error that names the path when it cannot
// be read. (A range-for over std::filesystem::directory_iterator advances
// with the throwing operator++, even when the iterator was made with an
// error_code: these loops go through here instead.)
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

// The entries of `dir`, in the order the file system gives them.
Expected<std::vector<std::filesystem::directory_entry>> directory_entries(const std::string& dir);

// The bytes of the file at `path`.
Expected<std::string> read_file(const std::string& path);

}  // namespace kitty::cli

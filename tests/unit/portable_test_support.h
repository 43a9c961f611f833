// Helpers for the unit tests that run on every system (Windows too: the
// wine stage of .ci/windows runs them): scratch directories below this
// process's temporary directory (kitty's isolated one), files by UTF-8 path,
// and a guard that puts environment variables back. None follows a symbolic
// link. isolation_test_support.h adds the POSIX-only ones.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "common/utf8_path.h"
#include "platform/environment.h"

namespace kitty::internal::test_support {

// Entry names of `dir`, sorted; empty when unreadable.
inline std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (std::filesystem::directory_iterator it(path_of_utf8(dir), error), end; !error && it != end;
       it.increment(error)) {
    names.push_back(utf8_of(it->path().filename()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline std::filesystem::file_status status_of(const std::string& path) {
  std::error_code error;
  return std::filesystem::symlink_status(path_of_utf8(path), error);
}

inline bool exists(const std::string& path) { return std::filesystem::exists(status_of(path)); }

inline bool is_directory(const std::string& path) {
  return std::filesystem::is_directory(status_of(path));
}

inline void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path_of_utf8(path), std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

// The content of a file, or "<missing>" when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path_of_utf8(path), std::ios::binary);
  if (!in) return "<missing>";
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// An owner-only directory, as kitty makes its own; it must not exist yet.
inline void make_directory(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::create_directory(path_of_utf8(path), error)) {
    throw std::runtime_error("cannot create " + path + ": " +
                             (error ? error.message() : "it exists"));
  }
  std::filesystem::permissions(path_of_utf8(path), std::filesystem::perms::owner_all, error);
}

// A fresh directory below `root` (default: the temporary directory, which
// kitty isolates), removed with everything in it when the test ends: also
// what a test made unwritable or read-only. Removal never follows a link.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& root = utf8_of(std::filesystem::temp_directory_path())) {
    std::random_device random;
    for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
      const std::string path = root + "/kitty-unit." + std::to_string(random() % 1000000000u);
      std::error_code error;
      if (std::filesystem::create_directory(path_of_utf8(path), error)) path_ = path;
    }
    if (path_.empty()) throw std::runtime_error("cannot create a scratch directory in " + root);
    std::error_code error;
    std::filesystem::permissions(path_of_utf8(path_), std::filesystem::perms::owner_all, error);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() { remove(path_of_utf8(path_)); }

  const std::string& path() const { return path_; }

 private:
  static void remove(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::symlink_status(path, error);
    if (error || !fs::exists(status)) return;
    if (!fs::is_symlink(status)) {
      // Searchable and writable again (POSIX); not read-only (Windows).
      fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, error);
    }
    if (fs::is_directory(status)) {
      std::vector<fs::path> children;
      for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
        children.push_back(it->path());
      }
      for (const fs::path& child : children) remove(child);
    }
    fs::remove(path, error);
  }

  std::string path_;
};

// The value of an environment variable, read in UTF-8 on every system.
inline std::optional<std::string> variable(const std::string& name) {
  const std::string prefix = name + "=";
  for (const std::string& entry : environment_entries()) {
    if (entry.compare(0, prefix.size(), prefix) == 0) return entry.substr(prefix.size());
  }
  return std::nullopt;
}

// The value as a string, "<unset>" for a variable that is not set.
inline std::string env(const char* name) { return variable(name).value_or("<unset>"); }

// Saves the named environment variables and puts them back (set, or unset)
// when it goes out of scope.
class EnvironmentGuard {
 public:
  explicit EnvironmentGuard(const std::vector<std::string>& names) {
    for (const std::string& name : names) saved_.emplace_back(name, variable(name));
  }
  EnvironmentGuard(const EnvironmentGuard&) = delete;
  EnvironmentGuard& operator=(const EnvironmentGuard&) = delete;
  ~EnvironmentGuard() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        set_variable(name, *value);
      } else {
        unset_variable(name);
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace kitty::internal::test_support

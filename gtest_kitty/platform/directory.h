// A directory held open, whose entries are reached from it and never
// through a symbolic link: what pruning, retention and the home's skeleton
// walk with, so that a test that swaps a link into its tree sends nothing
// outside it. POSIX: a descriptor and the *at calls; Windows: its path, and
// links (reparse points) refused by attribute.
#pragma once

#include <string>
#include <vector>

namespace kitty::internal {

class Directory {
 public:
  Directory() = default;
  Directory(Directory&& other) noexcept;
  Directory& operator=(Directory&& other) noexcept;
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;
  ~Directory();

  // `path` itself, or the directory `name` in this one; closed (is_open()
  // false, errno set) when it is missing, not a directory, or a link.
  static Directory open(const std::string& path);
  Directory child(const std::string& name) const;

  bool is_open() const { return open_; }
  const std::string& path() const { return path_; }

  // The entries' names, without "." and "..".
  bool names(std::vector<std::string>& out) const;

  enum class Entry { kMissing, kDirectory, kFile, kOther };
  // What entry `name` is; a link is kOther, whatever it points to.
  Entry entry(const std::string& name) const;
  // When entry `name` was last modified, in nanoseconds since the epoch.
  bool modified_ns(const std::string& name, long long& ns) const;

  // Owner-only; false with errno (EEXIST too).
  bool make_directory(const std::string& name) const;
  // Write-only, owner-only when made; with `exclusive`, fails when it exists.
  int create_file(const std::string& name, bool exclusive) const;
  // An existing file, opened for locking (platform/file_lock.h).
  int open_lock_file(const std::string& name) const;
  bool remove_file(const std::string& name) const;
  bool remove_directory(const std::string& name) const;  // an empty one

  // The descriptor (POSIX), for the walks of platform/posix/; -1 on Windows.
  int descriptor() const { return fd_; }

 private:
  void close();
  std::string path_;
  int fd_ = -1;
  bool open_ = false;
};

}  // namespace kitty::internal

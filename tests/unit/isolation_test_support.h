// Helpers shared by the tests of isolation, retention and the baseline
// listener: scratch directories below this process's TMPDIR, a guard that
// puts environment variables back, and small file-system probes that never
// follow a symbolic link.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kitty::internal::test_support {

// Entry names of `dir`, sorted, without "." and ".."; empty when unreadable.
inline std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return names;
  while (const dirent* entry = readdir(handle)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(handle);
  std::sort(names.begin(), names.end());
  return names;
}

inline bool exists(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0;
}

inline bool is_directory(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

inline bool is_symlink(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode);
}

// Permission bits of `path` itself, or -1 when it does not exist.
inline int mode_of(const std::string& path) {
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 07777);
}

inline void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

// The content of a file, or "<missing>" when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "<missing>";
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

inline void make_directory(const std::string& path, mode_t mode = 0700) {
  if (mkdir(path.c_str(), mode) != 0) {
    throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  }
}

inline void make_symlink(const std::string& target, const std::string& link) {
  if (symlink(target.c_str(), link.c_str()) != 0) {
    throw std::runtime_error("cannot link " + link + ": " + std::strerror(errno));
  }
}

// Where this process may put scratch files: its (isolated) TMPDIR.
inline std::string scratch_root() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

// A fresh directory below TMPDIR (or `root`), removed with everything in it (even what a
// test made unwritable) when the test ends. Removal does not follow links.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& root = scratch_root()) {
    std::string pattern = root + "/kitty-unit.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a scratch directory in " + root);
    }
    path_ = pattern;
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() { remove(path_); }

  const std::string& path() const { return path_; }

 private:
  static void remove(const std::string& path) {
    struct stat info {};
    if (lstat(path.c_str(), &info) != 0) return;
    if (S_ISDIR(info.st_mode)) {
      chmod(path.c_str(), 0700);
      for (const std::string& name : entries(path)) remove(path + "/" + name);
      rmdir(path.c_str());
    } else {
      unlink(path.c_str());
    }
  }

  std::string path_;
};

// Saves the named environment variables and puts them back (set, or unset)
// when it goes out of scope.
class EnvironmentGuard {
 public:
  explicit EnvironmentGuard(const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      const char* value = std::getenv(name.c_str());
      saved_.emplace_back(name, value != nullptr ? std::optional<std::string>(value)
                                                 : std::optional<std::string>());
    }
  }
  EnvironmentGuard(const EnvironmentGuard&) = delete;
  EnvironmentGuard& operator=(const EnvironmentGuard&) = delete;
  ~EnvironmentGuard() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// getenv as a string, "<unset>" for a variable that is not set.
inline std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "<unset>";
}

// For its scope, the calling thread meets file permissions like any owner
// does, even as root: CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH leave its
// effective capabilities (they stay permitted, and come back at the end).
// Without this, a test of "removes an unwritable directory" run as root
// would pass whatever the code under test does. With `not_owner_of_others`,
// CAP_FOWNER goes too: another user's directory cannot be chmod-ed.
class FilePermissionsApply {
 public:
  explicit FilePermissionsApply(bool not_owner_of_others = false) {
    header_.version = _LINUX_CAPABILITY_VERSION_3;
    header_.pid = 0;
    if (syscall(SYS_capget, &header_, saved_) != 0) return;
    __user_cap_data_struct reduced[2] = {saved_[0], saved_[1]};
    std::vector<unsigned> dropped = {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH};
    if (not_owner_of_others) dropped.push_back(CAP_FOWNER);
    for (const unsigned capability : dropped) {
      reduced[capability / 32].effective &= ~(1u << (capability % 32));
    }
    dropped_ = syscall(SYS_capset, &header_, reduced) == 0;
  }
  FilePermissionsApply(const FilePermissionsApply&) = delete;
  FilePermissionsApply& operator=(const FilePermissionsApply&) = delete;
  ~FilePermissionsApply() {
    if (dropped_) syscall(SYS_capset, &header_, saved_);
  }

 private:
  __user_cap_header_struct header_{};
  __user_cap_data_struct saved_[2]{};
  bool dropped_ = false;
};

// True when this thread may create a file in `dir`.
inline bool can_create_in(const std::string& dir) {
  const std::string probe = dir + "/.probe";
  const int fd = open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  close(fd);
  unlink(probe.c_str());
  return true;
}

// An open file descriptor, closed at the end of the scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Holds an exclusive flock on `path` (created if missing), as a live process
// holds a lease, until released or out of scope.
class HeldLock {
 public:
  explicit HeldLock(const std::string& path)
      : fd_(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_.get() < 0 || flock(fd_.get(), LOCK_EX | LOCK_NB) != 0) {
      throw std::runtime_error("cannot lock " + path + ": " + std::strerror(errno));
    }
  }
  void release() { fd_.reset(); }

 private:
  Fd fd_;
};

}  // namespace kitty::internal::test_support

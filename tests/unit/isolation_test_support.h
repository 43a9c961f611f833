// The POSIX-only helpers of the tests of isolation, retention and the
// launcher's hand-over, on top of the portable ones (scratch directories,
// files, the environment guard): modes, symbolic links, capabilities, file
// descriptors and flock. None follows a symbolic link.
#pragma once

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "portable_test_support.h"

namespace kitty::internal::test_support {

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

// A directory with the given permission bits (umask permitting).
inline void make_directory(const std::string& path, mode_t mode) {
  if (mkdir(path.c_str(), mode) != 0) {
    throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  }
}

inline void make_symlink(const std::string& target, const std::string& link) {
  if (symlink(target.c_str(), link.c_str()) != 0) {
    throw std::runtime_error("cannot link " + link + ": " + std::strerror(errno));
  }
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

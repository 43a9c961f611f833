#include "platform/directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "platform/posix/descriptor_walk.h"

namespace kitty::internal {
namespace {

constexpr int kDirectoryFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

}  // namespace

Directory::Directory(Directory&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      open_(std::exchange(other.open_, false)) {}

Directory& Directory::operator=(Directory&& other) noexcept {
  if (this != &other) {
    close();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    open_ = std::exchange(other.open_, false);
  }
  return *this;
}

Directory::~Directory() { close(); }

void Directory::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  open_ = false;
}

Directory Directory::open(const std::string& path) {
  Directory directory;
  directory.path_ = path;
  directory.fd_ = ::open(path.c_str(), kDirectoryFlags);
  directory.open_ = directory.fd_ >= 0;
  return directory;
}

Directory Directory::child(const std::string& name) const {
  Directory directory;
  directory.path_ = path_ + "/" + name;
  directory.fd_ = open_ ? openat(fd_, name.c_str(), kDirectoryFlags) : -1;
  directory.open_ = directory.fd_ >= 0;
  return directory;
}

bool Directory::names(std::vector<std::string>& out) const { return open_ && list_names(fd_, out); }

Directory::Entry Directory::entry(const std::string& name) const {
  struct stat info {};
  if (!open_ || fstatat(fd_, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) return Entry::kMissing;
  if (S_ISDIR(info.st_mode)) return Entry::kDirectory;
  return S_ISREG(info.st_mode) ? Entry::kFile : Entry::kOther;
}

bool Directory::modified_ns(const std::string& name, long long& ns) const {
  struct stat info {};
  if (!open_ || fstatat(fd_, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) return false;
#ifdef __APPLE__
  const timespec& modified = info.st_mtimespec;
#else
  const timespec& modified = info.st_mtim;  // POSIX.1-2008
#endif
  ns = static_cast<long long>(modified.tv_sec) * 1000000000LL + modified.tv_nsec;
  return true;
}

bool Directory::make_directory(const std::string& name) const {
  return open_ && mkdirat(fd_, name.c_str(), 0700) == 0;
}

int Directory::create_file(const std::string& name, bool exclusive) const {
  const int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (exclusive ? O_EXCL : 0);
  return open_ ? openat(fd_, name.c_str(), flags, 0600) : -1;
}

int Directory::open_lock_file(const std::string& name) const {
  return open_ ? openat(fd_, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
}

bool Directory::remove_file(const std::string& name) const {
  return open_ && unlinkat(fd_, name.c_str(), 0) == 0;
}

bool Directory::remove_directory(const std::string& name) const {
  return open_ && unlinkat(fd_, name.c_str(), AT_REMOVEDIR) == 0;
}

}  // namespace kitty::internal

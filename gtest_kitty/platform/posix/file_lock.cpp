#include "platform/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace kitty::internal {
namespace {

struct flock write_range(long long first, long long length) {
  struct flock range {};
  range.l_type = F_WRLCK;
  range.l_whence = SEEK_SET;
  range.l_start = static_cast<off_t>(first);
  range.l_len = static_cast<off_t>(length);
  return range;
}

int flock_operation(LockKind kind) { return kind == LockKind::kShared ? LOCK_SH : LOCK_EX; }

}  // namespace

int open_lock_file(const std::string& path) {
  return open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
}

int open_existing_lock_file(const std::string& path) {
  return open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
}

bool lock_file(int fd, LockKind kind) {
  for (;;) {
    if (flock(fd, flock_operation(kind)) == 0) return true;
    if (errno != EINTR) return false;
  }
}

bool try_lock_file(int fd, LockKind kind) {
  return flock(fd, flock_operation(kind) | LOCK_NB) == 0;
}

bool file_was_removed(int fd) {
  struct stat info {};
  return fstat(fd, &info) != 0 || info.st_nlink == 0;
}

bool try_lock_range(int fd, long long first, long long length) {
  struct flock range = write_range(first, length);
  return fcntl(fd, F_SETLK, &range) == 0;
}

bool lock_range(int fd, long long first, long long length) {
  struct flock range = write_range(first, length);
  for (;;) {
    if (fcntl(fd, F_SETLKW, &range) == 0) return true;
    if (errno != EINTR) return false;
  }
}

bool range_holder(int fd, long long first, long long length, RangeHolder& holder) {
  struct flock range = write_range(first, length);
  if (fcntl(fd, F_GETLK, &range) != 0 || range.l_type == F_UNLCK) return false;
  holder.pid = range.l_pid > 0 ? range.l_pid : 0;  // an open file description lock has none
  holder.first = range.l_start;
  holder.last = range.l_len == 0 ? holder.first : holder.first + range.l_len - 1;
  return true;
}

void close_lock_file(int fd) {
  if (fd >= 0) close(fd);
}

void keep_across_exec(int fd) { fcntl(fd, F_SETFD, 0); }

}  // namespace kitty::internal

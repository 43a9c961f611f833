#include "platform/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#ifdef __linux__
#include <sys/statfs.h>
#endif
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace kitty::internal {

int open_for_reading(const std::string& path) { return open(path.c_str(), O_RDONLY | O_CLOEXEC); }

int create_file(const std::string& path, bool exclusive) {
  const int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (exclusive ? O_EXCL : 0);
  return open(path.c_str(), flags, 0600);
}

int open_for_append(const std::string& path) {
  return open(path.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
}

long long read_some(int fd, char* buffer, std::size_t size) {
  for (;;) {
    const ssize_t got = read(fd, buffer, size);
    if (got >= 0 || errno != EINTR) return got;
  }
}

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t wrote = write(fd, text.data() + done, text.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    done += static_cast<std::size_t>(wrote);
  }
  return true;
}

void close_file(int fd) {
  if (fd >= 0) close(fd);
}

bool touch_file(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  futimens(fd, nullptr);
  close(fd);
  return true;
}

bool make_directory(const std::string& path) { return mkdir(path.c_str(), 0700) == 0; }

bool make_unique_directory(std::string& path) { return mkdtemp(path.data()) != nullptr; }

bool remove_empty_directory(const std::string& path) { return rmdir(path.c_str()) == 0; }

bool remove_file(const std::string& path) { return unlink(path.c_str()) == 0; }

bool link_new_name(const std::string& existing, const std::string& name) {
  return link(existing.c_str(), name.c_str()) == 0;
}

DirectoryState directory_state(const std::string& path) {
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0) return DirectoryState::kUnseen;
  if (!S_ISDIR(info.st_mode)) return DirectoryState::kNotDirectory;
  if (info.st_uid != geteuid()) return DirectoryState::kOtherUser;
  return DirectoryState::kOwn;
}

std::string shared_temporary_directory() { return "/tmp"; }

bool is_memory_filesystem_with_room(const std::string& dir, unsigned long long free_bytes) {
#ifdef __linux__
  constexpr long kTmpfsMagic = 0x01021994;  // TMPFS_MAGIC, linux/magic.h
  struct statfs kind {};
  struct statvfs room {};
  return statfs(dir.c_str(), &kind) == 0 && static_cast<long>(kind.f_type) == kTmpfsMagic &&
         statvfs(dir.c_str(), &room) == 0 &&
         static_cast<unsigned long long>(room.f_bavail) * room.f_frsize >= free_bytes;
#else
  (void)dir;
  (void)free_bytes;
  return false;  // no tmpfs to tell apart: homes stay in the base
#endif
}

bool is_writable_directory(const std::string& path) { return access(path.c_str(), W_OK) == 0; }

}  // namespace kitty::internal

#include "isolation/tree_removal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/errno_text.h"
#include "platform/posix/descriptor_walk.h"

namespace kitty::internal {

std::string empty_tree(const std::string& dir, const std::string& except) {
  const int fd = open_directory_to_empty(AT_FDCWD, dir);
  if (fd < 0) return errno_text("cannot open " + dir);
  return empty_directory(fd, dir, except);
}

std::string remove_tree(const std::string& dir) {
  struct stat info {};
  if (lstat(dir.c_str(), &info) != 0) return errno == ENOENT ? "" : errno_text("cannot see " + dir);
  if (!S_ISDIR(info.st_mode)) {
    return unlink(dir.c_str()) == 0 ? "" : errno_text("cannot remove " + dir);
  }
  // The top too may have been made unwritable (chmod 0500 "$HOME/..").
  const int fd = open_directory_to_empty(AT_FDCWD, dir);
  if (fd < 0) return errno_text("cannot open " + dir);
  std::string error = empty_directory(fd, dir);
  if (rmdir(dir.c_str()) != 0 && error.empty()) error = errno_text("cannot remove " + dir);
  return error;
}

}  // namespace kitty::internal

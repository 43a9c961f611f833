#include "platform/posix/descriptor_walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <utility>
#include <vector>

#include "common/errno_text.h"

namespace kitty::internal {
namespace {

// One directory on the way down: its entries still to remove, and who it
// is, to check that ".." leads back to it.
struct Level {
  std::string name;  // in its parent
  std::vector<std::string> entries;
  size_t next = 0;
  dev_t device = 0;
  ino_t inode = 0;
};

std::string path_of(const std::string& root, const std::vector<Level>& levels, size_t depth) {
  std::string path = root;
  for (size_t i = 1; i <= depth && i < levels.size(); ++i) path += "/" + levels[i].name;
  return path;
}

}  // namespace

// Opens a directory (never through a link) and makes it ours to empty: a
// test may have left it unreadable or unwritable. The mode is changed
// through the open descriptor, so a link swapped in meanwhile is not followed.
int open_directory_to_empty(int parent_fd, const std::string& name) {
  int fd = openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == EACCES) {
#ifdef O_PATH
    // Linux: fchmodat cannot refuse to follow a link, so the mode is
    // changed through a descriptor of the entry itself.
    const int path_fd =
        openat(parent_fd, name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (path_fd < 0) return -1;
    const std::string by_fd = "/proc/self/fd/" + std::to_string(path_fd);
    chmod(by_fd.c_str(), 0700);
    fd = open(by_fd.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const int saved = errno;
    close(path_fd);
    errno = saved;
#else
    // macOS and the BSDs: fchmodat refuses to follow a link itself.
    if (fchmodat(parent_fd, name.c_str(), 0700, AT_SYMLINK_NOFOLLOW) != 0) return -1;
    fd = openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
#endif
  }
  if (fd >= 0) fchmod(fd, 0700);
  return fd;
}

// The entry names of the directory open as `fd` (which stays open). A dup
// shares the reading position: it starts again from the top.
bool list_names(int fd, std::vector<std::string>& names) {
  const int copy = dup(fd);
  if (copy < 0) return false;
  DIR* dir = fdopendir(copy);
  if (dir == nullptr) {
    const int saved = errno;
    close(copy);
    errno = saved;
    return false;
  }
  rewinddir(dir);
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(dir);
  return true;
}

// Empties the directory open as `fd` (closed by this call), leaving the
// entry `except` of the top directory. However deep the tree, it holds at
// most three descriptors: it walks down by openat, and back up by "..",
// checked to be the directory it came from. The first error is returned:
// it is the cause, what fails after it (a parent not empty) follows from it.
std::string empty_directory(int fd, const std::string& root, const std::string& except) {
  std::string error;
  const auto note = [&error](const std::string& what) {
    if (error.empty()) error = errno_text(what);
  };
  std::vector<Level> levels(1);
  struct stat info {};
  if (fstat(fd, &info) != 0 || !list_names(fd, levels[0].entries)) {
    note("cannot read " + root);
    close(fd);
    return error;
  }
  levels[0].device = info.st_dev;
  levels[0].inode = info.st_ino;
  while (true) {
    Level& level = levels.back();
    if (level.next == level.entries.size()) {
      if (levels.size() == 1) break;
      // Back up, and remove the directory just emptied.
      const std::string done = path_of(root, levels, levels.size() - 1);
      const int parent = openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (parent < 0) note("cannot go back up from " + done);
      close(fd);
      if (parent < 0) return error;
      const std::string name = level.name;
      levels.pop_back();
      fd = parent;
      if (fstat(fd, &info) != 0 || info.st_dev != levels.back().device ||
          info.st_ino != levels.back().inode) {
        if (error.empty()) error = done + " moved while it was being removed";
        close(fd);
        return error;
      }
      if (unlinkat(fd, name.c_str(), AT_REMOVEDIR) != 0) note("cannot remove " + done);
      continue;
    }
    const std::string name = level.entries[level.next++];
    if (levels.size() == 1 && name == except) continue;
    if (fstatat(fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT) note("cannot see " + path_of(root, levels, levels.size()) + "/" + name);
      continue;
    }
    if (!S_ISDIR(info.st_mode)) {
      // A link goes, never what it points to.
      if (unlinkat(fd, name.c_str(), 0) != 0 && errno != ENOENT) {
        note("cannot remove " + path_of(root, levels, levels.size()) + "/" + name);
      }
      continue;
    }
    const int child = open_directory_to_empty(fd, name);
    Level below;
    below.name = name;
    if (child < 0 || fstat(child, &info) != 0 || !list_names(child, below.entries)) {
      note("cannot open " + path_of(root, levels, levels.size()) + "/" + name);
      if (child >= 0) close(child);
      continue;
    }
    below.device = info.st_dev;
    below.inode = info.st_ino;
    close(fd);
    fd = child;
    levels.push_back(std::move(below));
  }
  close(fd);
  return error;
}

}  // namespace kitty::internal
